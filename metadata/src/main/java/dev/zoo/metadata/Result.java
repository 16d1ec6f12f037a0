package dev.zoo.metadata;

import java.util.List;
import java.util.Optional;

/** A claimed result: task, dataset and metrics, as in the model-index {@code Results} list. */
public record Result(String task, String dataset, List<Metric> metrics, SourcePos pos) {

    public Result {
        metrics = List.copyOf(metrics);
    }

    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }
}
