package dev.zoo.results;

import java.time.Instant;

/**
 * One row of the results table: a model on one dataset, what it claims beside what was measured. {@code measured*}
 * come only from the latest complete run on that dataset; a newer run that is not complete (a smoke test with
 * {@code --limit}, a subset, skipped images) or a run on a folder Zoo could not identify is {@link #other}, shown as
 * such with its scope, never in the measured columns.
 *
 * @param dataset         the dataset's name ("ImageNet", "ImageNet-ReaL", "ImageNetV2 matched-frequency", "Folder")
 * @param diffTop1        measured minus claimed, rounded to 0.001 points; null unless both exist
 * @param beyondTolerance a difference beyond {@link Comparison#DEFAULT_TOLERANCE} points
 * @param runId           the complete run the measured values come from
 * @param measuredImages  images the measured values are a proportion of (the run's scored images; for ReaL those
 *                        with its labels, for a clean counterpart those of its 200 classes)
 * @param measuredTop1Interval the 95 % interval of the measured top-1 (Wilson, on the images it is a proportion of)
 */
public record ResultRow(String model, String name, String collection, String dataset, Double claimedTop1,
                        Double claimedTop5, Double measuredTop1, Double measuredTop5, Double diffTop1, Double diffTop5,
                        boolean beyondTolerance, Long runId, Integer measuredImages, Double imagesPerSecond,
                        String device, Instant lastRun, Other other, Long parameters, Integer imageSize,
                        Interval measuredTop1Interval, Interval measuredTop5Interval) {

    /**
     * The newest run on this dataset that is not complete, with its scope ("ImageNet-1k validation, partial: 5 of
     * 50,000 images scored (first 5)").
     */
    public record Other(long runId, Double top1, Double top5, String scope, Integer scored, Instant finishedAt,
                        Interval top1Interval) {

        /** Its scope, and for a folder Zoo could not identify which folder: each folder has its own row. */
        private static String label(Run run) {
            boolean folder = run.scope().known().isEmpty() && run.scope().dataPath() != null;
            return run.scopeLabel() + (folder ? " in " + run.scope().dataPath() : "");
        }

        static Other of(Run run, String dataset) {
            Run.Measurement top1 = run.measurement(dataset, dev.zoo.metadata.Metric.TOP1);
            return new Other(run.id(), top1 == null ? null : top1.value(),
                    run.measured(dataset, dev.zoo.metadata.Metric.TOP5), label(run), run.scope().scored(),
                    run.finishedAt(), top1 == null ? null : top1.interval());
        }
    }
}
