package dev.zoo.web;

import dev.zoo.results.Provenance;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/runs}: a run measured elsewhere (a CI job on another machine). Its scope is declared
 * and checked: {@code dataset} is "ImageNet", "ImageNetV2 matched-frequency", ..., or "Folder" (with
 * {@code datasetImages}); {@code images} is how many were scored, {@code skipped} how many could not be read; it
 * counts as complete only when every image of the whole dataset was scored.
 */
public record RunUpload(String model, String dataset, Integer images, Integer skipped, Integer datasetImages,
                        String selection, String dataPath, String dataFingerprint, Provenance provenance,
                        Double imagesPerSecond, Instant startedAt, Instant finishedAt, List<Result> results) {

    /** One measured number, e.g. {@code {"dataset": "ImageNet", "metric": "Top 1 Accuracy", "value": 80.3}}. */
    public record Result(String dataset, String metric, Double value) {
    }
}
