package dev.zoo.results;

import java.time.Instant;
import java.util.List;

/** Everything {@code zoo check} found, in the order it was checked. */
public record GateReport(List<CheckItem> items, List<String> notes, Instant finishedAt, double seconds) {

    public GateReport {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
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
