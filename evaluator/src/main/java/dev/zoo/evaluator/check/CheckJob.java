package dev.zoo.evaluator.check;

import dev.zoo.core.ZooException;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.metadata.Diagnostic;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.Result;
import dev.zoo.core.DatabaseException;
import dev.zoo.core.Progress;
import dev.zoo.core.Sha256;
import dev.zoo.registry.VerifyResult;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.results.Baseline;
import dev.zoo.results.CheckItem;
import dev.zoo.results.Comparison;
import dev.zoo.results.Correctness;
import dev.zoo.results.Stats;
import dev.zoo.results.GateReport;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CI regression gate: for each model, re-verify its cached weights, make sure a measurement can be compared at all
 * (before spending hours on it), measure (evaluate now, or take the latest matching run from the database) and compare
 * with the catalogue's claims or a recorded baseline.
 *
 * <p>Comparable means: against a baseline, a run on the same images (data fingerprint); against claims, a complete run
 * on the dataset the claim names. Anything else is reported as not checked (exit 2), never compared.
 */
public final class CheckJob {

    /**
     * @param catalogErrors lint errors of the catalogue: each fails the gate
     * @param baseline      recorded values to compare with, or null to compare with the catalogue's claims
     * @param eval          how to evaluate (data, subset, batch, ...); its model is replaced per model; null with
     *                      {@code fromDb} when no data is named (the baseline's images are looked for)
     * @param fromDb        take the latest matching finished run instead of evaluating
     * @param reportedToo   with {@code fromDb}, runs uploaded without what reproducing them takes count too
     */
    public record Request(List<Model> models, List<Diagnostic> catalogErrors, Baseline baseline, double tolerance,
                          boolean fromDb, EvalJob.Request eval, double alpha, boolean reportedToo) {

        public Request(List<Model> models, List<Diagnostic> catalogErrors, Baseline baseline, double tolerance,
                       boolean fromDb, EvalJob.Request eval) {
            this(models, catalogErrors, baseline, tolerance, fromDb, eval, dev.zoo.results.Stats.ALPHA, false);
        }
    }

    /** Evaluates a plan: {@link EvalJob#run(EvalJob.Plan, Progress, Evaluator.Listener)}, or a stand-in in tests. */
    public interface Evaluation {
        EvalJob.Plan plan(EvalJob.Request request) throws ZooException;

        Run run(EvalJob.Plan plan, Progress progress, Evaluator.Listener listener) throws ZooException;

        static Evaluation of(EvalJob job) {
            return new Evaluation() {
                @Override
                public EvalJob.Plan plan(EvalJob.Request request) throws ZooException {
                    return job.plan(request);
                }

                @Override
                public Run run(EvalJob.Plan plan, Progress progress, Evaluator.Listener listener)
                        throws ZooException {
                    return job.run(plan, progress, listener).run();
                }
            };
        }
    }

    private final WeightsRegistry registry;
    private final RunRepository runs;
    private final Evaluation evaluation;

    public CheckJob(WeightsRegistry registry, RunRepository runs, Evaluation evaluation) {
        this.registry = registry;
        this.runs = runs;
        this.evaluation = evaluation;
    }

    public GateReport run(Request req, Progress progress, Evaluator.Listener listener) {
        long start = System.nanoTime();
        List<CheckItem> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Diagnostic d : req.catalogErrors()) {
            items.add(CheckItem.of("catalogue", "lint " + d.pos(), CheckItem.Outcome.FAIL, d.toString()));
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Model m : req.models()) {
            long t = System.nanoTime();
            new ModelCheck(m, req, progress, listener, items, notes).check();
            seconds.put(m.id(), (System.nanoTime() - t) / 1e9);
        }
        return new GateReport(items, notes, Instant.now(), (System.nanoTime() - start) / 1e9, seconds);
    }

    /** The checks of one model, in order: baseline entry, weights, comparability, measurement, comparison. */
    private final class ModelCheck {
        private final Model m;
        private final Request req;
        private final Progress progress;
        private final Evaluator.Listener listener;
        private final List<CheckItem> items;
        private final List<String> notes;

        ModelCheck(Model m, Request req, Progress progress, Evaluator.Listener listener, List<CheckItem> items,
                   List<String> notes) {
            this.m = m;
            this.req = req;
            this.progress = progress;
            this.listener = listener;
            this.items = items;
            this.notes = notes;
        }

        void check() {
            Baseline.Entry entry = null;
            if (req.baseline() != null) {
                entry = req.baseline().entry(m.id()).orElse(null);
                if (entry == null) {
                    error("baseline", m.id() + " is not in the baseline (zoo baseline record " + m.id() + ")");
                    return;
                }
            }
            boolean verified = verifyCached();
            if (entry != null) {
                againstBaseline(entry, verified);
            } else {
                againstClaims(verified);
            }
        }

        private void againstBaseline(Baseline.Entry entry, boolean verified) {
            Run run;
            if (req.fromDb()) {
                String fingerprint = entry.scope().fingerprint();
                if (req.eval() != null) {
                    EvalJob.Plan plan = plan();
                    if (plan == null || !sameImages(entry, plan.fingerprint(), plan.scope().plannedLabel())) {
                        return;
                    }
                    fingerprint = plan.fingerprint();
                }
                // the images to look for: the baseline's, or --data's when the baseline does not name its own
                String images = fingerprint;
                run = stored(images == null ? null : () -> runs.latestOnImages(m.id(), images, req.reportedToo()),
                        "no finished run of " + m.id() + " on the baseline's images (data fingerprint "
                                + abbrev(images) + ")" + (req.reportedToo() ? "" : reportedHint(images)));
            } else {
                EvalJob.Plan plan = plan();
                // everything that decides comparability is known before a single image is read
                if (plan == null || !sameImages(entry, plan.fingerprint(), plan.scope().plannedLabel())) {
                    return;
                }
                explainChanges(entry, plan.runRecipe(), pinned());
                run = evaluate(plan, verified);
            }
            if (run == null || !sameImages(entry, run.scope().fingerprint(), run.scope().label())) {
                return;
            }
            if (req.fromDb()) {
                explainChanges(entry, run.provenance().recipe(), run.provenance().weightsSha256());
            }
            Map<String, Stats.Paired> paired = paired(entry, run);
            for (String metric : List.of(Metric.TOP1, Metric.TOP5)) {
                Run.Measurement measured = run.measurement(run.scope().dataset(), metric);
                String finer = Comparison.finerThanOneImage(req.baseline().tolerance(entry, metric, req.tolerance()),
                        measured == null ? null : measured.images());
                if (finer != null && !notes.contains(m.id() + " " + metric + ": " + finer)) {
                    notes.add(m.id() + " " + metric + ": " + finer + (paired.isEmpty() ? "" : "; the verdict rests "
                            + "on whether the change is significant"));
                }
            }
            items.addAll(Comparison.compare(m.id(), run, entry.results(),
                    metric -> req.baseline().tolerance(entry, metric, req.tolerance()), "baseline", true, paired,
                    req.alpha()));
        }

        /**
         * The image-by-image tables of the run against the baseline's, per metric, when the baseline recorded which
         * images its run got right and this run's predictions are stored; else empty (the tolerance alone decides).
         */
        private Map<String, Stats.Paired> paired(Baseline.Entry entry, Run run) {
            if (entry.correctness() == null) {
                return Map.of();
            }
            Optional<Correctness> later = Correctness.of(runs.predictions(run.id()));
            if (later.isEmpty() || later.get().images() != entry.correctness().images()) {
                notes.add(m.id() + ": run #" + run.id() + " cannot be paired image by image with the baseline ("
                        + (later.isEmpty() ? "its predictions are not stored" : "other images") + "); the tolerance "
                        + "alone decides");
                return Map.of();
            }
            Map<String, Stats.Paired> out = new LinkedHashMap<>();
            for (String metric : List.of(Metric.TOP1, Metric.TOP5)) {
                out.put(metric, entry.correctness().paired(later.get(), metric));
            }
            return out;
        }

        private void againstClaims(boolean verified) {
            Map<String, Map<String, Double>> claims = claims(m);
            if (claims.isEmpty()) {
                error("claims", m.id() + " claims no results on a dataset Zoo can identify; use --baseline");
                return;
            }
            Map<String, Run> measured = new LinkedHashMap<>();
            if (req.fromDb()) {
                for (String dataset : claims.keySet()) {
                    Run run = stored(() -> runs.latestComplete(m.id(), dataset, req.reportedToo()),
                            "no complete run of " + m.id() + " on " + describe(dataset) + " to compare its claims "
                                    + "with (zoo eval " + m.id() + " on the whole dataset, or check against a "
                                    + "baseline)" + (req.reportedToo() ? "" : reportedHint(m.id(), dataset)));
                    if (run != null) {
                        measured.put(dataset, run);
                    }
                }
            } else {
                EvalJob.Plan plan = plan();
                if (plan == null) {
                    return;
                }
                Scope scope = plan.scope();
                String dataset = scope.dataset();
                if (!claims.containsKey(dataset) || !plan.dataset().whole()) {
                    error("claims", m.id() + ": not comparable with its claims, which are about "
                            + String.join(", ", claims.keySet().stream().map(CheckJob::describe).toList())
                            + " as a whole; " + plan.dataset().root() + " is " + scope.plannedLabel() + note(plan)
                            + " (nothing was evaluated; check a "
                            + "subset or other data against a baseline: zoo check --baseline)");
                    return;
                }
                Run run = evaluate(plan, verified);
                if (run == null) {
                    return;
                }
                measured.put(dataset, run);
                if (plan.real() != null && claims.containsKey(KnownDataset.IMAGENET_REAL.label())) {
                    measured.put(KnownDataset.IMAGENET_REAL.label(), run);
                }
            }
            measured.forEach((dataset, run) -> {
                if (!run.origin().vouched()) {
                    notes.add(m.id() + ": run #" + run.id() + " is " + run.origin().description() + " (compared "
                            + "because --include-reported asks)");
                }
                if (!(run.status() == Run.Status.COMPLETED && run.scope().complete())) {
                    error("claims", m.id() + ": run #" + run.id() + " is not complete (" + run.scope().label()
                            + "): not comparable with claims about the whole dataset");
                    return;
                }
                items.addAll(Comparison.compare(m.id(), run, Map.of(dataset, claims.get(dataset)),
                        metric -> req.tolerance(), "claimed", false));
            });
        }

        private static String note(EvalJob.Plan plan) {
            String note = plan.dataset().identity().note();
            return note == null ? "" : " (" + note + ")";
        }

        private EvalJob.Plan plan() {
            try {
                return evaluation.plan(req.eval().forModel(m));
            } catch (ZooException e) {
                error("evaluation", m.id() + ": " + e.getMessage());
                return null;
            }
        }

        /** Pulls (and so verifies) the weights first, so a bad download is reported as such, then evaluates. */
        private Run evaluate(EvalJob.Plan plan, boolean verified) {
            if (!verified) {
                try {
                    registry.pull(m, progress);
                    items.add(CheckItem.of(m.id(), "weights sha256", CheckItem.Outcome.PASS, m.id()
                            + ": weights downloaded and verified"));
                } catch (ZooException e) {
                    items.add(CheckItem.of(m.id(), "weights sha256", outcome(e), m.id() + ": " + e.getMessage()));
                    return null;
                }
            }
            try {
                return evaluation.run(plan, progress, listener);
            } catch (ZooException e) {
                items.add(CheckItem.of(m.id(), "evaluation", outcome(e), m.id() + ": " + e.getMessage()));
                return null;
            }
        }

        private static CheckItem.Outcome outcome(ZooException e) {
            return e.kind() == ZooException.Kind.CHECK_FAILED ? CheckItem.Outcome.FAIL : CheckItem.Outcome.ERROR;
        }

        /** False (and an error item) when {@code fingerprint} is not the baseline's images. */
        private boolean sameImages(Baseline.Entry e, String fingerprint, String scope) {
            if (e.scope().fingerprint() == null || e.scope().fingerprint().equals(fingerprint)) {
                return true;
            }
            error("baseline", m.id() + ": other images than the baseline's (data fingerprint " + abbrev(fingerprint)
                    + " vs " + abbrev(e.scope().fingerprint()) + "; " + scope + " vs the baseline's "
                    + e.scope().label() + "): not comparable");
            return false;
        }

        /** A changed recipe or weights is not refused (that is what a baseline catches) but named as the cause. */
        private void explainChanges(Baseline.Entry e, String recipe, String weightsSha256) {
            if (e.provenance().recipe() != null && !e.provenance().recipe().equals(recipe)) {
                notes.add(m.id() + ": the recipe (preprocessing, precision) changed since the baseline: '"
                        + e.provenance().recipe()
                        + "' -> '" + recipe + "'");
            }
            String was = e.provenance().weightsSha256();
            if (was != null && weightsSha256 != null && !was.equals(weightsSha256)) {
                notes.add(m.id() + ": the weights changed since the baseline: sha256 " + abbrev(was) + " -> "
                        + abbrev(weightsSha256));
            }
        }

        private String pinned() {
            try {
                return registry.pin(m).orElse(null);
            } catch (ZooException e) {
                return null;
            }
        }

        /** When a reported run is all there is, says so: the gate left it out, --include-reported takes it. */
        private String reportedHint(String modelId, String dataset) {
            return reportedHint(() -> runs.latestComplete(modelId, dataset, true));
        }

        private String reportedHint(String images) {
            return reportedHint(() -> runs.latestOnImages(m.id(), images, true));
        }

        private static String reportedHint(Query query) {
            try {
                return query.run().filter(r -> !r.origin().vouched()).map(r -> "; run #" + r.id() + " is "
                        + r.origin().description() + ", left out unless --include-reported").orElse("");
            } catch (DatabaseException e) {
                return "";   // the hint is a courtesy; the missing run is reported either way
            }
        }

        private Run stored(Query query, String missing) {
            try {
                Optional<Run> run = query == null ? Optional.empty() : query.run();
                if (run.isEmpty()) {
                    error("run", m.id() + ": " + missing);
                }
                return run.orElse(null);
            } catch (DatabaseException e) {
                error("run", m.id() + ": " + e.getMessage());
                return null;
            }
        }

        /** Re-hashes cached weights; true when they were cached (and so verified here, pass or fail). */
        private boolean verifyCached() {
            if (!registry.isCached(m)) {
                return false;
            }
            try {
                VerifyResult v = registry.verify(m, progress);
                items.add(CheckItem.of(m.id(), "weights sha256", v.status() == VerifyResult.Status.OK
                        ? CheckItem.Outcome.PASS : CheckItem.Outcome.FAIL, m.id() + ": " + v.message()));
            } catch (ZooException e) {
                error("weights sha256", m.id() + ": " + e.getMessage());
            }
            return true;
        }

        private void error(String name, String message) {
            items.add(CheckItem.of(m.id(), name, CheckItem.Outcome.ERROR, message));
        }
    }

    @FunctionalInterface
    private interface Query {
        Optional<Run> run();
    }

    /** The catalogue's top-1/top-5 claims per identified dataset (by the dataset's canonical name). */
    static Map<String, Map<String, Double>> claims(Model m) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Result r : m.results()) {
            Optional<KnownDataset> d = KnownDataset.named(r.dataset());
            if (d.isEmpty()) {
                continue;
            }
            for (String metric : List.of(Metric.TOP1, Metric.TOP5)) {
                r.metric(metric).ifPresent(x -> out.computeIfAbsent(d.get().label(), k -> new LinkedHashMap<>())
                        .put(metric, x.value()));
            }
        }
        return out;
    }

    private static String describe(String dataset) {
        return KnownDataset.named(dataset).map(d -> d.description() + " (" + String.format(java.util.Locale.ROOT,
                "%,d", d.images()) + " images)").orElse(dataset);
    }

    private static String abbrev(String sha) {
        return sha == null ? "none" : Sha256.abbreviate(sha);
    }
}
