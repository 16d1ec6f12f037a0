package dev.zoo.app;

import dev.zoo.core.Progress;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a live bar on a terminal, a few plain lines elsewhere (CI logs), nothing with {@code --quiet}.
 */
public final class ConsoleProgress {

    private ConsoleProgress() {
    }

    /** What is counted: bytes (downloads, hashing) or images (a sharded evaluation), and how it reads. */
    enum Unit {
        BYTES("MB", 1_000_000) {
            @Override
            String format(long n) {
                return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
            }
        },
        IMAGES(" img", 1) {
            @Override
            String format(long n) {
                return String.format(Locale.ROOT, "%,d images", n);
            }
        };

        final String bar;
        final long scale;

        Unit(String bar, long scale) {
            this.bar = bar;
            this.scale = scale;
        }

        abstract String format(long n);
    }

    public static Progress create(boolean quiet) {
        return create(quiet, Unit.BYTES);
    }

    /** Progress over images (a sharded evaluation followed through the database). */
    public static Progress images(boolean quiet) {
        return create(quiet, Unit.IMAGES);
    }

    private static Progress create(boolean quiet, Unit unit) {
        if (quiet) {
            return Progress.NONE;
        }
        return interactive() ? new Bar(System.err, unit) : new Lines(System.err, unit);
    }

    /** A person at a terminal (bars), not a log or CI (plain lines). */
    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** An interactive bar (me.tongfei progressbar). */
    static final class Bar implements Progress {
        private final PrintStream out;
        private final Unit unit;
        private ProgressBar bar;

        Bar(PrintStream out, Unit unit) {
            this.out = out;
            this.unit = unit;
        }

        @Override
        public void start(String task, long total, long done) {
            finish();
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, -1))
                    .setUnit(unit.bar, unit.scale).showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).startsFrom(done, java.time.Duration.ZERO)
                    .continuousUpdate().build();
        }

        @Override
        public void advance(long bytes) {
            if (bar != null) {
                bar.stepBy(bytes);
            }
        }

        @Override
        public void note(String message) {
            out.println(message);
        }

        @Override
        public void finish() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** Plain lines at every 10 % (or every 10 s when the size is unknown), for logs. */
    static final class Lines implements Progress {
        private final PrintStream out;
        private final Unit unit;
        private String task;
        private long total;
        private long done;
        private long startedAt;
        private long startedFrom;
        private long nextReport;
        private long lastTime;

        Lines(PrintStream out, Unit unit) {
            this.out = out;
            this.unit = unit;
        }

        @Override
        public void start(String task, long total, long done) {
            this.task = task;
            this.total = total;
            this.done = done;
            this.startedFrom = done;
            this.startedAt = System.nanoTime();
            this.lastTime = startedAt;
            this.nextReport = total > 0 ? done + total / 10 : Long.MAX_VALUE;
            out.println(task + ": " + (total >= 0 ? unit.format(total) : "size unknown")
                    + (done > 0 ? String.format(Locale.ROOT, " (continuing at %s)", unit.format(done)) : ""));
        }

        @Override
        public void advance(long bytes) {
            done += bytes;
            long now = System.nanoTime();
            if (done >= nextReport || (total <= 0 && now - lastTime > 10_000_000_000L)) {
                out.println(String.format(Locale.ROOT, "  %s %s of %s, %s/s", total > 0
                        ? String.format(Locale.ROOT, "%3d%%", 100 * done / total) : "", unit.format(done),
                        total > 0 ? unit.format(total) : "?", unit.format(rate(now))));
                nextReport = total > 0 ? done + total / 10 : Long.MAX_VALUE;
                lastTime = now;
            }
        }

        private long rate(long now) {
            double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
            return (long) ((done - startedFrom) / seconds);
        }

        @Override
        public void note(String message) {
            out.println("  " + message);
        }

        @Override
        public void finish() {
            if (task != null) {
                long now = System.nanoTime();
                out.println(String.format(Locale.ROOT, "  done: %s in %.1f s (%s/s)", unit.format(done - startedFrom),
                        (now - startedAt) / 1e9, unit.format(rate(now))));
                task = null;
            }
        }
    }

}
