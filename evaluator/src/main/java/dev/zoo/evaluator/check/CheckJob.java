package dev.zoo.evaluator.check;

import dev.zoo.evaluator.EvalException;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.metadata.Diagnostic;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.Result;
import dev.zoo.registry.DatabaseException;
import dev.zoo.results.Baseline;
import dev.zoo.results.CheckItem;
import dev.zoo.results.Comparison;
import dev.zoo.results.GateReport;
import dev.zoo.registry.Progress;
import dev.zoo.registry.PullException;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.registry.VerifyResult;
import dev.zoo.registry.WeightsRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CI regression gate: for each model, re-verify its cached weights, measure (evaluate now, or take the latest
 * matching run from the database) and compare with the catalogue's claims or a recorded baseline.
 */
public final class CheckJob {

    /** Full ImageNet validation: what catalogue claims are measured on. */
    static final int FULL_VALIDATION = 50_000;

    /**
     * @param catalogErrors lint errors of the catalogue: each fails the gate
     * @param baseline      recorded values to compare with, or null to compare with the catalogue's claims
     * @param eval          how to evaluate (data, subset, batch, ...); its model is replaced per model
     * @param fromDb        take the latest matching completed run instead of evaluating
     */
    public record Request(List<Model> models, List<Diagnostic> catalogErrors, Baseline baseline, double tolerance,
                          boolean fromDb, EvalJob.Request eval) {
    }

    private final WeightsRegistry registry;
    private final RunRepository runs;
    private final EvalJob evalJob;

    public CheckJob(WeightsRegistry registry, RunRepository runs, EvalJob evalJob) {
        this.registry = registry;
        this.runs = runs;
        this.evalJob = evalJob;
    }

    public GateReport run(Request req, Progress progress, Evaluator.Listener listener) {
        long start = System.nanoTime();
        List<CheckItem> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Diagnostic d : req.catalogErrors()) {
            items.add(new CheckItem("catalogue", "lint " + d.pos(), CheckItem.Outcome.FAIL, null, null, null,
                    d.toString()));
        }
        for (Model m : req.models()) {
            check(m, req, progress, listener, items, notes);
        }
        return new GateReport(items, notes, Instant.now(), (System.nanoTime() - start) / 1e9);
    }

    private void check(Model m, Request req, Progress progress, Evaluator.Listener listener, List<CheckItem> items,
                       List<String> notes) {
        Optional<Baseline.Entry> entry = Optional.empty();
        if (req.baseline() != null) {
            entry = req.baseline().entry(m.id());
            if (entry.isEmpty()) {
                items.add(error(m, "baseline", m.id() + " is not in the baseline (zoo baseline record " + m.id() + ")"));
                return;
            }
        }
        boolean verified = verifyCached(m, progress, items);
        Run run;
        if (req.fromDb()) {
            Optional<Run> latest = latestRun(m, req, entry, items);
            if (latest.isEmpty()) {
                return;
            }
            run = latest.get();
        } else {
            try {
                run = evalJob.run(req.eval().forModel(m), progress, listener).run();
                if (!verified) {
                    items.add(new CheckItem(m.id(), "weights sha256", CheckItem.Outcome.PASS, null, null, null,
                            m.id() + ": weights downloaded and verified"));
                }
            } catch (EvalException e) {
                boolean weights = e.getCause() instanceof PullException;
                items.add(new CheckItem(m.id(), weights ? "weights sha256" : "evaluation",
                        e.kind() == EvalException.Kind.CHECK_FAILED ? CheckItem.Outcome.FAIL : CheckItem.Outcome.ERROR,
                        null, null, null, m.id() + ": " + e.getMessage()));
                return;
            }
        }
        if (entry.isPresent()) {
            Baseline.Entry e = entry.get();
            if (e.dataFingerprint() != null && !e.dataFingerprint().equals(run.dataFingerprint())) {
                items.add(error(m, "baseline", m.id() + ": run #" + run.id() + " saw other images than the baseline "
                        + "(data fingerprint " + abbrev(run.dataFingerprint()) + " vs " + abbrev(e.dataFingerprint())
                        + "; subset " + run.subset() + " vs " + e.subset() + "): not comparable"));
                return;
            }
            if (e.recipe() != null && !e.recipe().equals(run.recipe())) {
                notes.add(m.id() + ": the preprocessing changed since the baseline: '" + e.recipe() + "' -> '"
                        + run.recipe() + "'");
            }
            if (e.weightsSha256() != null && !e.weightsSha256().equals(run.weightsSha256())) {
                notes.add(m.id() + ": the weights changed since the baseline: sha256 " + abbrev(e.weightsSha256())
                        + " -> " + abbrev(run.weightsSha256()));
            }
            items.addAll(Comparison.compare(m.id(), run, e.results(),
                    metric -> req.baseline().tolerance(e, metric, req.tolerance()), "baseline", true));
        } else {
            Map<String, Map<String, Double>> claims = claims(m);
            if (claims.isEmpty()) {
                items.add(error(m, "claims", m.id() + " claims no results to compare with; use --baseline"));
                return;
            }
            if (run.imageCount() != null && run.imageCount() < FULL_VALIDATION) {
                notes.add(m.id() + ": run #" + run.id() + " measured " + run.imageCount() + " images; the claims are "
                        + "for the full validation set (record a baseline for subset checks)");
            }
            items.addAll(Comparison.compare(m.id(), run, claims, metric -> req.tolerance(), "claimed", false));
        }
    }

    /** Re-hashes cached weights; true when they were cached (and so verified here, pass or fail). */
    private boolean verifyCached(Model m, Progress progress, List<CheckItem> items) {
        if (!registry.isCached(m)) {
            return false;
        }
        try {
            VerifyResult v = registry.verify(m, progress);
            boolean ok = v.status() == VerifyResult.Status.OK || v.status() == VerifyResult.Status.PINNED_NOW;
            items.add(new CheckItem(m.id(), "weights sha256", ok ? CheckItem.Outcome.PASS : CheckItem.Outcome.FAIL,
                    null, null, null, m.id() + ": " + v.message()));
        } catch (PullException e) {
            items.add(error(m, "weights sha256", m.id() + ": " + e.getMessage()));
        }
        return true;
    }

    private Optional<Run> latestRun(Model m, Request req, Optional<Baseline.Entry> entry, List<CheckItem> items) {
        try {
            Optional<Run> run = runs.forModel(m.id()).stream()
                    .filter(r -> r.status() == Run.Status.COMPLETED)
                    .filter(r -> entry.map(e -> e.dataFingerprint() == null
                            || e.dataFingerprint().equals(r.dataFingerprint())).orElse(true))
                    .filter(r -> req.eval().data() == null
                            || req.eval().data().toAbsolutePath().toString().equals(r.dataPath()))
                    .findFirst();
            if (run.isEmpty()) {
                items.add(error(m, "run", m.id() + ": no completed run matches (zoo eval " + m.id() + " first, or "
                        + "check without --from-db)"));
            }
            return run;
        } catch (DatabaseException e) {
            items.add(error(m, "run", m.id() + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static Map<String, Map<String, Double>> claims(Model m) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Result r : m.results()) {
            if (r.dataset() == null) {
                continue;
            }
            for (String metric : List.of(Metric.TOP1, Metric.TOP5)) {
                r.metric(metric).ifPresent(x -> out.computeIfAbsent(r.dataset(), k -> new LinkedHashMap<>())
                        .put(metric, x.value()));
            }
        }
        return out;
    }

    private static CheckItem error(Model m, String name, String message) {
        return new CheckItem(m.id(), name, CheckItem.Outcome.ERROR, null, null, null, message);
    }

    private static String abbrev(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
    }
}
