package dev.zoo.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A claimed result: task, dataset and metrics, as in the model-index {@code Results} list. */
public record Result(String task, String dataset, List<Metric> metrics, SourcePos pos) {

    public Result {
        metrics = List.copyOf(metrics);
    }

    /** The metric of that name, compared as {@link Metric#canonicalName} compares them ("Top-1", "Acc@1"). */
    public Optional<Metric> metric(String name) {
        String wanted = Metric.canonicalName(name);
        return metrics.stream().filter(m -> Metric.canonicalName(m.name()).equalsIgnoreCase(wanted)).findFirst();
    }

    /** The same claims in the same order, wherever each was written. */
    static boolean sameClaims(List<Result> a, List<Result> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Result x = a.get(i);
            Result y = b.get(i);
            if (!Objects.equals(x.task, y.task) || !Objects.equals(x.dataset, y.dataset)
                    || !x.metrics.equals(y.metrics)) {
                return false;
            }
        }
        return true;
    }
}
