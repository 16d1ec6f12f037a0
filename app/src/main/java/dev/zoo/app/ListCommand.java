package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.registry.CacheLayout;
import dev.zoo.results.ResultsTable;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the catalogue's models with their claimed ImageNet results.")
public class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    JsonOption json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    /**
     * One row of {@code zoo list --json}: {@code collection} is its label (with the catalogue where two share a name);
     * {@code notEvaluable} says why Zoo cannot evaluate the model (no weights published, a timm architecture Zoo does
     * not build), or is null.
     */
    public record Row(String id, String name, String collection, String catalogue, Long parameters, Integer imageSize,
                      Double cropPct, String interpolation, Double top1, Double top5, String weights,
                      String notEvaluable, String cache, String path) {
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = catalogOptions.load(context);
        List<Row> rows = catalog.models().stream()
                .sorted(Comparator.comparing(Model::id, NaturalOrder.INSTANCE))
                .map(m -> row(catalog, m))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json.on()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            out.flush();
            return ExitCode.OK;
        }
        Table table = new Table(List.of("ID", "PARAMS", "IMG", "TOP-1", "TOP-5", "EVAL", "CACHED"),
                false, true, true, true, true, false, false);
        for (Row r : rows) {
            table.add(List.of(r.id(), Formats.params(r.parameters()), Formats.orDash(r.imageSize()),
                    r.top1() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.top1()),
                    r.top5() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.top5()),
                    r.notEvaluable() == null ? "yes" : "no", r.cache()));
        }
        table.print(out);
        printWhyNot(out, rows);
        return ExitCode.OK;
    }

    /** Why the models marked "no" cannot be evaluated, one line per reason with its count, most frequent first. */
    private static void printWhyNot(PrintWriter out, List<Row> rows) {
        Map<String, Long> reasons = rows.stream().filter(r -> r.notEvaluable() != null)
                .collect(Collectors.groupingBy(r -> firstClause(r.notEvaluable()), TreeMap::new,
                        Collectors.counting()));
        if (reasons.isEmpty()) {
            return;
        }
        long count = reasons.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "%nZoo cannot evaluate %d of these %d models (zoo show ID says why):%n", count,
                rows.size());
        reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.printf(Locale.ROOT, "%5d  %s%n", e.getValue(), e.getKey()));
        out.flush();
    }

    /** A reason without what follows its first "; " (the families Zoo does build, say): what models share. */
    private static String firstClause(String reason) {
        int cut = reason.indexOf("; ");
        return cut < 0 ? reason : reason.substring(0, cut);
    }

    private Row row(Catalog catalog, Model m) {
        String cache = m.weights() == null ? "-" : "no";
        String path = null;
        if (m.weights() != null) {
            try {
                Path target = new CacheLayout(context.settings().home(), context.settings().registry()).weightsFile(m);
                Path part = CacheLayout.partial(target);
                if (Files.isRegularFile(target)) {
                    cache = "yes";
                    path = target.toString();
                } else if (Files.isRegularFile(part)) {
                    long size = Files.size(part);
                    Long total = m.metadata().fileSize();
                    cache = total == null || total == 0 ? "partial" : "partial " + (100 * size / total) + "%";
                    path = part.toString();
                }
            } catch (Exception e) {
                cache = "?";
            }
        }
        return new Row(m.id(), m.name(), catalog.collectionLabel(m), Catalog.shortName(m.origin()),
                m.metadata().parameters(), m.metadata().imageSize(), m.metadata().cropPct(),
                m.metadata().interpolation(), ResultsTable.claimed(m, KnownDataset.IMAGENET.label(), Metric.TOP1),
                ResultsTable.claimed(m, KnownDataset.IMAGENET.label(), Metric.TOP5), m.weights(),
                m.notEvaluable().orElse(null), cache, path);
    }
}
