package dev.zoo.app;

import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Rates;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Evaluation progress on stderr: a bar with images/s (and what decoding and the devices could each deliver) and the
 * running top-1 on a terminal, plain lines in logs.
 */
final class EvalProgress implements Evaluator.Listener {

    private final PrintStream out = System.err;
    private final boolean quiet;
    private final boolean silentProgress;
    private final boolean terminal = ConsoleProgress.interactive();
    private ProgressBar bar;
    private int nextLine;

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
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(total).setUnit(" img", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out))
                    .startsFrom(alreadyDone, java.time.Duration.ZERO).build();
        }
        nextLine = alreadyDone + Math.max(1, total / 10);
    }

    @Override
    public void progress(int scored, int skipped, int total, double top1, Rates rates) {
        if (silentProgress) {
            return;
        }
        int done = scored + skipped;
        // which side could go faster: decode workers or devices, each at its own busy time
        String extra = String.format(Locale.ROOT, "top-1 %.2f%%, %.1f img/s (decode %.0f, device %.0f)%s", top1,
                rates.overall(), rates.decode(), rates.device(), skipped > 0 ? ", " + skipped + " skipped" : "");
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(extra);
        } else if (done >= nextLine || done == total) {
            out.printf(Locale.ROOT, "  %d/%d images, %s%n", done, total, extra);
            nextLine = done + Math.max(1, total / 10);
        }
    }

    @Override
    public void imageFailed(String message) {
        if (!quiet) {
            out.println("  skipped: " + message);
        }
    }

    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
