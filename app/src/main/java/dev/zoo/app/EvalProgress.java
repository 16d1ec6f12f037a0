package dev.zoo.app;

import dev.zoo.core.Progress;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Rates;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluation progress on stderr: on a terminal a bar that fits its width, with the running top-1, images/s, skipped
 * images and what decoding and the devices could each deliver (dropped in reverse order when the width is short); in
 * logs, lines with the time spent and left ({@link ConsoleProgress.Lines}).
 */
final class EvalProgress implements Evaluator.Listener {

    private static final String TASK = "eval";
    private final PrintStream out = System.err;
    private final boolean quiet;
    private final boolean silentProgress;
    private volatile List<String> extras = List.of();
    private Progress progress;
    private long shown;

    /** @param silentProgress no bar or progress lines (JSON output), but notes such as a resume still show */
    EvalProgress(boolean quiet, boolean silentProgress) {
        this.quiet = quiet;
        this.silentProgress = quiet || silentProgress;
    }

    @Override
    public void started(int total, int alreadyDone) {
        if (quiet) {
            return;
        }
        if (alreadyDone > 0) {
            out.printf(Locale.ROOT, "resuming: %d of %d images already evaluated%n", alreadyDone, total);
        }
        if (silentProgress) {
            return;
        }
        shown = alreadyDone;
        progress = ConsoleProgress.images(() -> extras);
        progress.start(TASK, total, alreadyDone);
    }

    @Override
    public void progress(int scored, int skipped, int total, double top1, Rates rates) {
        if (silentProgress) {
            return;
        }
        List<String> fields = new ArrayList<>(4);
        fields.add(String.format(Locale.ROOT, "top-1 %.2f%%", top1));
        fields.add(String.format(Locale.ROOT, "%.1f img/s", rates.overall()));
        if (skipped > 0) {
            fields.add(String.format(Locale.ROOT, "%,d skipped", skipped));
        }
        // which side could go faster: decode workers or devices, each at its own busy time
        fields.add(String.format(Locale.ROOT, "decode %.0f, device %.0f img/s", rates.decode(), rates.device()));
        extras = List.copyOf(fields);
        int done = scored + skipped;
        if (progress != null) {
            progress.advance(done - shown);
        }
        shown = done;
    }

    @Override
    public void imageFailed(String message) {
        if (!quiet && !ConsoleProgress.silenced()) {
            out.println("  skipped: " + message);
        }
    }

    void close() {
        if (progress != null) {
            progress.finish();
            progress = null;
        }
    }
}
