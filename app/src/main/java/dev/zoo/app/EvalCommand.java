package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.EvalException;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = {"Evaluate a model on ImageNet validation images: top-1/top-5 (and ImageNet-ReaL "
        + "with --real-labels), throughput, and a run with full provenance in the database.",
        "Pulls and verifies the weights first when they are not cached."})
public class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", description = "Model ID.")
    String id;

    @Mixin
    EvalOptions evalOptions;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Write each image's label, top-5 classes and "
            + "logits as CSV.")
    Path predictions;

    @Option(names = "--resume", description = "Continue the latest interrupted run of this model on the same data.")
    boolean resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--json", description = "Print the run as JSON.")
    boolean json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = context.catalog(catalogOptions.catalogs);
        Model model = context.model(catalog, id);
        EvalJob.Request request = evalOptions.request(model, context.imagenet(evalOptions.data), predictions,
                resume);
        EvalJob job = new EvalJob(context.settings().home(), context.registry(), new RunRepository(context.database()));
        EvalProgress progress = new EvalProgress(quiet, json);
        EvalJob.Report report;
        try {
            report = job.run(request, ConsoleProgress.create(quiet || json), progress);
        } catch (EvalException e) {
            throw new CliException(switch (e.kind()) {
                case USAGE -> ExitCode.USAGE;
                case CHECK_FAILED -> ExitCode.CHECK_FAILED;
                case IO -> ExitCode.IO;
            }, e.getMessage(), e);
        } finally {
            progress.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        Run run = report.run();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", run);
            Map<String, Double> claimed = new LinkedHashMap<>();   // null when the catalogue claims nothing
            claimed.put("top1", Formats.claimed(model, Metric.TOP1));
            claimed.put("top5", Formats.claimed(model, Metric.TOP5));
            doc.put("claimed", claimed);
            doc.put("failures", report.outcome().failures());
            doc.put("seconds", report.outcome().seconds());
            doc.put("predictions", report.predictionLog().toString());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            print(out, model, report);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, Model model, EvalJob.Report report) {
        Run run = report.run();
        out.printf(Locale.ROOT, "%s on %d images of %s (%s)%n", model.id(), run.imageCount(), run.dataPath(),
                run.split());
        out.println("recipe: " + run.recipe());
        out.printf(Locale.ROOT, "%-16s %-15s %9s %9s %8s%n", "DATASET", "METRIC", "MEASURED", "CLAIMED", "DIFF");
        for (Run.Measurement m : run.results()) {
            var claimed = model.claimed(m.dataset(), m.metric());
            out.printf(Locale.ROOT, "%-16s %-15s %9.2f %9s %8s%n", m.dataset(), m.metric(), m.value(),
                    claimed.map(c -> String.format(Locale.ROOT, "%.2f", c.value())).orElse("-"),
                    claimed.map(c -> String.format(Locale.ROOT, "%+.2f", m.value() - c.value())).orElse("-"));
        }
        if (!report.outcome().failures().isEmpty()) {
            out.printf(Locale.ROOT, "%d image(s) could not be read and were not scored, e.g.: %s%n",
                    report.outcome().failures().size(), report.outcome().failures().get(0));
        }
        out.printf(Locale.ROOT, "%d images in %.1f s: %.2f images/s on %s (batch %d, %d threads)%n",
                report.outcome().evaluated(), report.outcome().seconds(), report.outcome().imagesPerSecond(),
                run.device(), run.batchSize(), run.threads());
        out.printf(Locale.ROOT, "run #%d stored%s; predictions: %s%n", run.id(), report.resumed() ? " (resumed)" : "",
                report.predictionLog());
        if (run.imageCount() != null && run.imageCount() < 50_000) {
            out.println("note: claimed numbers are for all 50,000 validation images; a subset measures something "
                    + "else (use a baseline: zoo check --baseline)");
        }
    }

}
