package dev.zoo.results;

import dev.zoo.core.ShellWords;
import dev.zoo.metadata.KnownDataset;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One evaluation run, as stored in {@code runs} and {@code run_results}: what it measured ({@link Scope}), how
 * ({@link Provenance}), how it went, and the numbers.
 *
 * @param shard       its part in a sharded evaluation, or null for a run on its own
 * @param heartbeatAt the last sign of life of a running evaluation; a running run without one for
 *                    {@link RunRepository#STALE_AFTER} is shown as interrupted (its process is gone)
 * @param throughput  what the decode workers and the devices could each deliver (null when not measured)
 * @param results     measured metrics per dataset labelling ("ImageNet", "ImageNet-ReaL", "Folder")
 */
public record Run(Long id, String modelId, Status status, Scope scope, Provenance provenance, Shard shard,
                  Double imagesPerSecond, Throughput throughput, Instant startedAt, Instant finishedAt,
                  Instant heartbeatAt, String error, List<Measurement> results) {

    /**
     * Images per second each side of an evaluation could deliver on its own: {@code decode} (decoding and resizing,
     * per busy worker) and {@code device} (sending, normalising and the forward pass, per busy device). The smaller
     * is the bottleneck.
     */
    public record Throughput(Double decode, Double device) {

        public String bottleneck() {
            return decode == null || device == null ? null : decode < device ? "decode" : "device";
        }
    }

    /**
     * A value on the run's own dataset that does not say of how many images it is a proportion (runs recorded before
     * Zoo kept the count, or made in code) is one of the images the run scored.
     */
    public Run {
        Integer scored = scope == null ? null : scope.scored();
        String own = scope == null ? null : scope.dataset();
        results = (results == null ? List.<Measurement>of() : results).stream().map(m -> m.images() == null
                && scored != null && scored > 0 && KnownDataset.canonical(m.dataset()).equalsIgnoreCase(own)
                ? new Measurement(m.dataset(), m.metric(), m.value(), scored) : m).toList();
    }

    /**
     * A measured value, or null when the run did not measure it. Dataset names compare by identity ("ImageNet ReaL"
     * is "ImageNet-ReaL"), metric names ignoring case, as the catalogue's claims do.
     */
    public Double measured(String dataset, String metric) {
        Measurement m = measurement(dataset, metric);
        return m == null ? null : m.value();
    }

    /**
     * Finished, its numbers cover the whole dataset, and Zoo can vouch for where they come from: the only kind of run
     * that stands beside a claim.
     */
    public boolean isComplete() {
        return status == Status.COMPLETED && scope.complete() && origin().vouched() && atCardRecipe();
    }

    /** True unless the run changed the card's recipe ({@code --image-size}, {@code --crop-pct}). */
    public boolean atCardRecipe() {
        return provenance == null || provenance.recipeChange() == null;
    }

    /** Where the numbers come from. */
    public Origin origin() {
        return provenance == null ? Origin.MEASURED : provenance.originKind();
    }

    /** The scope as people read it, led by "reported, not reproduced" where Zoo cannot vouch for the numbers. */
    public String scopeLabel() {
        return (origin().vouched() ? "" : origin().description() + ": ")
                + (atCardRecipe() ? "" : "at another recipe than the card's (" + provenance.recipeChange() + "): ")
                + scope.label();
    }

    /**
     * The command that continues this run from its stored predictions, as Zoo prints it everywhere (an interruption,
     * a full disk, a run whose process is gone): {@code zoo eval --resume 7}, with the catalogue that defined its model
     * when that is not the built-in one. It reads every setting from the run's evaluation spec; a run recorded before
     * Zoo kept one is continued by its model, data and {@code --resume}.
     */
    public String resumeCommand() {
        return resumeCommand(id, this);
    }

    /** {@link #resumeCommand()} of {@code run} stored under {@code id} (a run being recorded does not know it). */
    public static String resumeCommand(long id, Run run) {
        Provenance p = run.provenance();
        if (p == null || p.spec() == null) {
            String data = run.scope() == null ? null : run.scope().dataPath();
            return "zoo eval " + ShellWords.quote(run.modelId()) + (data == null ? "" : " --data "
                    + ShellWords.quote(data)) + " --resume";
        }
        return "zoo eval --resume " + id + (p.catalogue() == null ? "" : " --catalog "
                + ShellWords.quote(p.catalogue()));
    }

    public Run withProvenance(Provenance other) {
        return new Run(id, modelId, status, scope, other, shard, imagesPerSecond, throughput, startedAt, finishedAt,
                heartbeatAt, error, results);
    }

    public Run withResults(List<Measurement> measured) {
        return new Run(id, modelId, status, scope, provenance, shard, imagesPerSecond, throughput, startedAt,
                finishedAt, heartbeatAt, error, measured);
    }

    public enum Status {
        RUNNING, COMPLETED, FAILED, INTERRUPTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One measured number, e.g. ("ImageNet-ReaL", "Top 1 Accuracy", 88.1, 46837), and how sure it is.
     *
     * @param images the images the number is a proportion of (ReaL: those with labels); null when not known (runs
     *               recorded before Zoo kept it, uploads that do not say)
     * @param interval the 95 % Wilson interval on those images, in percentage points; null without {@code images}
     */
    public record Measurement(String dataset, String metric, double value, Integer images, Interval interval) {

        public Measurement(String dataset, String metric, double value, Integer images) {
            this(dataset, metric, value, images, images == null ? null : Stats.wilson(value, images));
        }

        public Measurement(String dataset, String metric, double value) {
            this(dataset, metric, value, null);
        }

        /** How many of {@code images} the value stands for ("2 of 50 images"), or null. */
        public Long hits() {
            return images == null ? null : Math.round(value * images / 100.0);
        }
    }

    /** The measurement of a metric on a dataset, or null. */
    public Measurement measurement(String dataset, String metric) {
        String wanted = KnownDataset.canonical(dataset);
        return results.stream().filter(m -> m.dataset().equalsIgnoreCase(wanted)
                && m.metric().equalsIgnoreCase(metric)).findFirst().orElse(null);
    }
}
