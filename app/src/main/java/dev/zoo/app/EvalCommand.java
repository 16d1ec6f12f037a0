package dev.zoo.app;

import dev.zoo.metadata.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.results.Run;
import dev.zoo.results.ResultsTable;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
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

    @Option(names = "--resume", description = "Continue the latest interrupted run of this model with the same "
            + "weights, recipe and images.")
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
        } finally {
            progress.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        Run run = report.run();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", run);
            Map<String, Double> claimed = new LinkedHashMap<>();   // null when the catalogue claims nothing
            String dataset = run.scope().dataset();
            claimed.put("top1", ResultsTable.claimed(model, dataset, Metric.TOP1));
            claimed.put("top5", ResultsTable.claimed(model, dataset, Metric.TOP5));
            doc.put("scope", run.scope().label());
            doc.put("comparableWithClaims", run.isComplete() && run.scope().known().isPresent());
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
        Scope scope = run.scope();
        out.printf(Locale.ROOT, "%s on %s: %s%n", model.id(), scope.dataPath(), scope.label());
        String note = report.plan().dataset().identity().note();
        if (note != null) {
            out.println("data: " + note);
        }
        if (run.provenance().labelMap() != null) {
            out.println("labels mapped by " + run.provenance().labelMap());
        }
        out.println("recipe: " + run.provenance().recipe());
        out.printf(Locale.ROOT, "%-28s %-15s %9s %9s %8s%n", "DATASET", "METRIC", "MEASURED", "CLAIMED", "DIFF");
        boolean comparable = run.isComplete() && run.scope().known().isPresent();
        for (Run.Measurement m : run.results()) {
            Double claimed = comparable ? ResultsTable.claimed(model, m.dataset(), m.metric()) : null;
            out.printf(Locale.ROOT, "%-28s %-15s %9.2f %9s %8s%n", m.dataset(), m.metric(), m.value(),
                    claimed == null ? "-" : String.format(Locale.ROOT, "%.2f", claimed),
                    claimed == null ? "-" : String.format(Locale.ROOT, "%+.2f", m.value() - claimed));
        }
        if (!report.outcome().failures().isEmpty()) {
            out.printf(Locale.ROOT, "%d image(s) could not be read and were not scored, e.g.: %s%n",
                    report.outcome().failures().size(), report.outcome().failures().get(0));
        }
        out.printf(Locale.ROOT, "%d images in %.1f s: %.2f images/s on %s (batch %d, %d threads)%n",
                report.outcome().evaluated(), report.outcome().seconds(), report.outcome().imagesPerSecond(),
                run.provenance().device(), run.provenance().batchSize(), run.provenance().threads());
        out.printf(Locale.ROOT, "run #%d stored%s; predictions: %s%n", run.id(), report.resumed() ? " (resumed)" : "",
                report.predictionLog());
        if (!comparable && !model.results().isEmpty()) {
            out.println("note: not compared with the catalogue's claims, which are about whole datasets; this run is "
                    + (scope.known().isPresent() ? "partial" : "on data Zoo could not identify") + " (zoo check "
                    + "--baseline compares such runs with each other)");
        }
    }
}
