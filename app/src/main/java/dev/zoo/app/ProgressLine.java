package dev.zoo.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of progress that fits a given width: the task, its percentage and a bar always; then, as room allows and
 * in this order, the count, the time left, what the caller adds (rate, running top-1, ...) and the time spent. A field
 * that does not fit is dropped whole, with every field after it, and the bar keeps at least {@link #MIN_BAR} cells:
 * an 80-column terminal loses the least useful words, never the bar, never half a word.
 *
 * @param done   how far it is, counted from zero
 * @param from   where this session started (a resumed download or run), so the time left comes from this session's pace
 * @param total  how far it goes; zero or less when unknown
 * @param extras the caller's fields, most useful first
 */
record ProgressLine(String task, long done, long from, long total, Duration elapsed, ConsoleProgress.Unit unit,
                    List<String> extras) {

    static final int MIN_BAR = 10;
    static final int MAX_BAR = 30;
    private static final String SEPARATOR = " · ";

    String render(int width) {
        String percent = total > 0 ? String.format(Locale.ROOT, " %3d%%", percent()) : "";
        // a name too long for the width is shortened before the bar is
        int forName = Math.max(4, width - percent.length() - 3 - MIN_BAR);
        String head = (task.length() <= forName ? task : task.substring(0, forName - 1) + "…") + percent;
        List<String> optional = new ArrayList<>();
        optional.add(unit.ratio(done, total));
        eta().ifPresent(optional::add);
        optional.addAll(extras);
        optional.add(clock(elapsed) + " spent");
        StringBuilder tail = new StringBuilder();
        for (String field : optional) {
            String candidate = tail + SEPARATOR + field;
            if (head.length() + 3 + MIN_BAR + candidate.length() > width) {
                break;
            }
            tail.setLength(0);
            tail.append(candidate);
        }
        int room = width - head.length() - 3 - tail.length();
        String line = head + " " + bar(Math.max(1, Math.min(MAX_BAR, room))) + tail;
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    /** Every field, without a bar, for a log: "downloading w.npz: 45% · 46.0/102.2 MB · 0:12 left · 4.5 MB/s". */
    String log() {
        StringBuilder line = new StringBuilder(task).append(':');
        if (total > 0) {
            line.append(' ').append(percent()).append('%').append(SEPARATOR);
        } else {
            line.append(' ');
        }
        line.append(unit.ratio(done, total));
        eta().ifPresent(e -> line.append(SEPARATOR).append(e));
        extras.forEach(e -> line.append(SEPARATOR).append(e));
        return line.append(SEPARATOR).append(clock(elapsed)).append(" spent").toString();
    }

    private int percent() {
        return (int) Math.min(100, 100 * done / total);
    }

    private String bar(int cells) {
        int full = total > 0 ? (int) Math.min(cells, cells * done / total) : 0;
        return "[" + "█".repeat(full) + "░".repeat(cells - full) + "]";
    }

    /** "1:28 left", from this session's pace; empty before there is one or when the end is unknown. */
    private java.util.Optional<String> eta() {
        long progressed = done - from;
        if (total <= 0 || progressed <= 0 || elapsed.isZero() || done >= total) {
            return java.util.Optional.empty();
        }
        double perUnit = elapsed.toNanos() / (double) progressed;
        return java.util.Optional.of(clock(Duration.ofNanos((long) (perUnit * (total - done)))) + " left");
    }

    /** "0:42", "12:05", "3:12:05". */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
