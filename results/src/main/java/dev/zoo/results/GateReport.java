package dev.zoo.results;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code zoo check} found, in the order it was checked.
 *
 * @param secondsByModel how long each model's checks took (its evaluation, mostly)
 */
public record GateReport(List<CheckItem> items, List<String> notes, Instant finishedAt, double seconds,
                         java.util.Map<String, Double> secondsByModel) {

    public GateReport {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
        secondsByModel = java.util.Map.copyOf(secondsByModel == null ? java.util.Map.of() : secondsByModel);
    }

    public GateReport(List<CheckItem> items, List<String> notes, Instant finishedAt, double seconds) {
        this(items, notes, finishedAt, seconds, java.util.Map.of());
    }

    /** A test case's share of its model's time: the model's seconds over its checks. */
    public double seconds(CheckItem item) {
        long n = items.stream().filter(i -> i.model().equals(item.model())).count();
        return n == 0 ? 0 : secondsByModel.getOrDefault(item.model(), 0.0) / n;
    }

    public long count(CheckItem.Outcome outcome) {
        return items.stream().filter(i -> i.outcome() == outcome).count();
    }

    /** 0 when everything passed, 1 on any failure (regression, mismatch), else 2 when something could not be checked. */
    public int exitCode() {
        if (count(CheckItem.Outcome.FAIL) > 0) {
            return 1;
        }
        return count(CheckItem.Outcome.ERROR) > 0 ? 2 : 0;
    }
}
