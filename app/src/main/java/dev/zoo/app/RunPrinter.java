package dev.zoo.app;

import dev.zoo.evaluator.EvalJob;
import dev.zoo.evaluator.eval.Rates;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import dev.zoo.core.Sha256;
import dev.zoo.results.ResultsTable;
import dev.zoo.results.Run;
import dev.zoo.results.Scope;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;

/** How an evaluation's outcome reads on the terminal: its scope, its numbers beside the claims they compare with. */
final class RunPrinter {

    private final PrintWriter out;

    RunPrinter(PrintWriter out) {
        this.out = out;
    }

    /** A finished {@code zoo eval}: a run, a shard of one (and the merged run when it was the last), or a resume. */
    void report(Model model, EvalJob.Report report, java.nio.file.Path predictions) {
        Run run = report.run();
        header(model, run);
        String note = report.plan().dataset().identity().note();
        if (note != null) {
            out.println("data: " + note);
        }
        measurements(model, run);
        if (!report.outcome().failures().isEmpty()) {
            out.printf(Locale.ROOT, "%d image(s) could not be read and were not scored, e.g.: %s%n",
                    report.outcome().failures().size(), report.outcome().failures().get(0));
        }
        Rates rates = report.outcome().rates();
        out.printf(Locale.ROOT, "%d images in %.1f s: %.2f images/s on %s (%s, batch %d, %d threads); decoding "
                        + "could deliver %.1f img/s, the device%s %.1f: %s is the bottleneck%n",
                report.outcome().evaluated(), report.outcome().seconds(), report.outcome().imagesPerSecond(),
                run.provenance().device(), run.provenance().precision(), run.provenance().batchSize(),
                run.provenance().threads(), rates.decode(), run.provenance().device().contains(",") ? "s" : "",
                rates.device(), rates.bottleneck());
        if (run.provenance().gpu() != null) {
            out.printf(Locale.ROOT, "GPU: %s; TF32 %s; cuDNN benchmark %s%n", run.provenance().gpu(),
                    run.provenance().tf32(), Boolean.TRUE.equals(run.provenance().cudnnBenchmark()) ? "on" : "off");
        }
        if (run.provenance().runtime() != null) {
            out.println("network: " + run.provenance().runtime());
        }
        out.printf(Locale.ROOT, "run #%d stored%s%s%n", run.id(), report.resumed() ? " (resumed)" : "",
                predictions == null ? "" : "; predictions: " + predictions);
        if (run.shard() != null) {
            if (report.merged() != null) {
                out.println();
                merged(model, report.merged(), null);
            } else {
                out.println(run.shard().label() + " of evaluation " + Sha256.abbreviate(run.shard().evaluation())
                        + "; still to do: shards " + report.missingShards() + " (the last one merges)");
            }
        } else {
            claimsNote(model, run);
        }
    }

    /** The merged run of a sharded evaluation (and its shards, when known). */
    void merged(Model model, Run merged, Collection<Run> shards) {
        out.println(merged.shard().label() + " (run #" + merged.id() + "):");
        header(model, merged);
        measurements(model, merged);
        if (shards != null) {
            for (Run s : shards) {
                out.printf(Locale.ROOT, "  %s: run #%d, %s, %s images, %.2f images/s on %s%n", s.shard().label(),
                        s.id(), s.status().label(), s.scope().scored(), s.imagesPerSecond() == null ? 0.0
                                : s.imagesPerSecond(), s.provenance().host());
            }
        }
        claimsNote(model, merged);
    }

    private void header(Model model, Run run) {
        Scope scope = run.scope();
        out.printf(Locale.ROOT, "%s on %s: %s%n", model.id(), scope.dataPath(), scope.label());
        if (run.provenance().labelMap() != null) {
            out.println("labels mapped by " + run.provenance().labelMap());
        }
        out.println("recipe: " + run.provenance().recipe());
    }

    /** The numbers, with the claim and the difference only where the run is comparable with claims. */
    private void measurements(Model model, Run run) {
        out.printf(Locale.ROOT, "%-28s %-15s %9s %13s %13s %9s %8s%n", "DATASET", "METRIC", "MEASURED", "95% INTERVAL",
                "IMAGES", "CLAIMED", "DIFF");
        boolean comparable = comparable(run);
        for (Run.Measurement m : run.results()) {
            Double claimed = ResultsTable.claimed(model, m.dataset(), m.metric());
            boolean shown = comparable && claimed != null;
            out.printf(Locale.ROOT, "%-28s %-15s %9.2f %13s %13s %9s %8s%n", m.dataset(), m.metric(), m.value(),
                    m.interval() == null ? "-" : m.interval().range(),
                    m.images() == null ? "-" : String.format(Locale.ROOT, "%,d/%,d", m.hits(), m.images()),
                    shown ? String.format(Locale.ROOT, "%.2f", claimed) : "-",
                    shown ? String.format(Locale.ROOT, "%+.2f", m.value() - claimed) : "-");
            if (!comparable && claimed != null && m.interval() != null && run.scope().known().isPresent()
                    && KnownDataset.sameName(m.dataset(), run.scope().dataset())) {
                // a subset says something of the claim: whether the claim lies inside what the subset allows
                out.printf(Locale.ROOT, "  the claim of %.2f is %s with these %,d images%n", claimed,
                        m.interval().contains(claimed) ? "consistent (inside the 95% interval)"
                                : "inconsistent at 95%", m.images());
            }
        }
    }

    private void claimsNote(Model model, Run run) {
        if (!comparable(run) && !model.results().isEmpty()) {
            out.println("note: not compared with the catalogue's claims, which are about whole datasets; this run is "
                    + (run.scope().known().isPresent() ? "partial" : "on data Zoo could not identify") + " (zoo check "
                    + "--baseline compares such runs with each other)");
        }
    }

    static boolean comparable(Run run) {
        return run.isComplete() && run.scope().known().isPresent();
    }
}
