package dev.zoo.results;

import java.time.Instant;
import java.util.List;

/**
 * One evaluation run with its provenance, as stored in {@code runs} and {@code run_results}.
 *
 * @param dataset   the data set evaluated ("ImageNet")
 * @param split     "validation", or a subset name
 * @param recipe    the preprocessing recipe, e.g. "crop 480 crop_pct=1.0 bilinear mean=0.5 std=0.5"
 * @param results   measured metrics per labelling ("ImageNet", "ImageNet-ReaL")
 */
public record Run(Long id, String modelId, Status status, String dataset, String split, String dataPath,
                  String dataFingerprint, String subset, Integer imageCount, String recipe, String device,
                  Integer batchSize, Integer threads, String weightsSha256, String zooVersion, String djlVersion,
                  String torchVersion, String host, Double imagesPerSecond, Instant startedAt, Instant finishedAt,
                  String error, List<Measurement> results) {

    public Run {
        results = List.copyOf(results == null ? List.of() : results);
    }

    /**
     * A measured value, or null when the run did not measure it. Names compare ignoring case, as the catalogue's
     * claims do.
     */
    public Double measured(String dataset, String metric) {
        return results.stream().filter(m -> m.dataset().equalsIgnoreCase(dataset)
                && m.metric().equalsIgnoreCase(metric)).map(Measurement::value).findFirst().orElse(null);
    }

    public enum Status {
        RUNNING, COMPLETED, FAILED, INTERRUPTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One measured number: e.g. ("ImageNet-ReaL", "Top 1 Accuracy", 88.1). */
    public record Measurement(String dataset, String metric, double value) {
    }
}
