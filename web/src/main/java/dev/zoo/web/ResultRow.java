package dev.zoo.web;

import java.time.Instant;

/**
 * One row of the results table: a model on one dataset (labelling), claimed beside latest measured.
 *
 * @param measuredImages images in the measured run (a subset is not comparable with full-validation claims)
 * @param beyondTolerance the measured top-1 or top-5 differs from the claim by more than the tolerance
 */
public record ResultRow(String model, String name, String collection, String dataset, Double claimedTop1,
                        Double claimedTop5, Double measuredTop1, Double measuredTop5, Double diffTop1,
                        Double diffTop5, boolean beyondTolerance, Long parameters, Integer imageSize,
                        Double imagesPerSecond, Integer measuredImages, Long runId, Instant lastRun) {
}
