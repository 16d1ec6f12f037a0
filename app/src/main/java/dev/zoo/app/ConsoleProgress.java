package dev.zoo.app;

import dev.zoo.core.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;

/**
 * Progress on stderr: a live bar on a terminal, a few plain lines elsewhere (CI logs); with {@code --quiet} only what
 * must be read ({@link Progress#warn}).
 */
public final class ConsoleProgress {

    /** Set once the process is being stopped: what stopped it is said once, and progress says nothing after it. */
    private static volatile boolean silenced;
    /** Bars on the terminal now: a message that interrupts one starts on a line of its own. */
    private static final java.util.concurrent.atomic.AtomicInteger DRAWN =
            new java.util.concurrent.atomic.AtomicInteger();

    private ConsoleProgress() {
    }

    /** Silences every bar and progress line from now on; true when a bar was on the terminal (its line unended). */
    static boolean silence() {
        silenced = true;
        return DRAWN.get() > 0;
    }

    static boolean silenced() {
        return silenced;
    }

    /** A bar's output, none once progress is silenced (its redraws would land after the stop's message). */
    private static final class BarOutput extends ConsoleProgressBarConsumer {
        BarOutput(PrintStream out) {
            super(out);
        }

        @Override
        public void accept(String rendered) {
            if (!silenced) {
                super.accept(rendered);
            }
        }

        @Override
        public void close() {
            if (!silenced) {
                super.close();
            }
        }
    }

    /** What is counted: bytes (downloads, hashing) or images (evaluations), and how it reads. */
    enum Unit {
        BYTES {
            @Override
            String format(long n) {
                return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
            }

            @Override
            String ratio(long done, long total) {
                return total > 0 ? String.format(Locale.ROOT, "%.1f/%.1f MB", done / 1e6, total / 1e6) : format(done);
            }
        },
        IMAGES {
            @Override
            String format(long n) {
                return String.format(Locale.ROOT, "%,d images", n);
            }

            @Override
            String ratio(long done, long total) {
                return total > 0 ? String.format(Locale.ROOT, "%,d/%,d img", done, total)
                        : String.format(Locale.ROOT, "%,d img", done);
            }
        };

        /** "102.2 MB", "1,000 images". */
        abstract String format(long n);

        /** "12.3/102.2 MB", "450/1,000 img": the count on a bar. */
        abstract String ratio(long done, long total);

        /** "4.5 MB/s", "6 images/s". */
        String rate(long done, Duration elapsed) {
            double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
            return format((long) (done / seconds)) + "/s";
        }
    }

    /**
     * A live bar on {@code out} that fits the terminal's width ({@link ProgressLine}); {@code extras} are the
     * caller's fields, read at each redraw.
     */
    private static ProgressBar bar(PrintStream out, String task, long total, long done, Unit unit,
                           java.util.function.Function<ProgressState, List<String>> extras) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .startsFrom(done, Duration.ZERO).setConsumer(new BarOutput(out))
                .setRenderer((state, width) -> new ProgressLine(state.getTaskName(), state.getCurrent(),
                        state.getStart(), state.getMax(), state.getElapsedAfterStart(), unit, extras.apply(state))
                        .render(width))
                .continuousUpdate().build();
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
            return QUIET;
        }
        return interactive() ? new Bar(System.err, unit, null) : new Lines(System.err, unit);
    }

    /**
     * Progress over images with the caller's fields, most useful first (an evaluation's running top-1, rates): a bar
     * on a terminal, lines in a log. Not quiet: the caller decides whether to show progress at all.
     */
    static Progress images(java.util.function.Supplier<List<String>> fields) {
        return interactive() ? new Bar(System.err, Unit.IMAGES, fields)
                : new Lines(System.err, Unit.IMAGES, System::nanoTime, fields);
    }

    /** {@code --quiet}: no progress and no notes, but what changed in the cache is still said. */
    private static final Progress QUIET = new Progress() {
        @Override
        public void warn(String message) {
            System.err.println(message);
        }
    };

    /** A person at a terminal (bars), not a log or CI (plain lines). */
    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** An interactive bar (me.tongfei progressbar). */
    static final class Bar implements Progress {
        private final PrintStream out;
        private final Unit unit;
        private final java.util.function.Supplier<List<String>> fields;
        private ProgressBar bar;

        /** @param fields the caller's fields at each redraw; null for the rate */
        Bar(PrintStream out, Unit unit, java.util.function.Supplier<List<String>> fields) {
            this.out = out;
            this.unit = unit;
            this.fields = fields;
        }

        @Override
        public void start(String task, long total, long done) {
            finish();
            bar = ConsoleProgress.bar(out, task, Math.max(total, -1), done, unit, state -> fields != null
                    ? fields.get() : List.of(unit.rate(state.getCurrent() - state.getStart(),
                    state.getElapsedAfterStart())));
            DRAWN.incrementAndGet();
        }

        @Override
        public void advance(long bytes) {
            if (bar != null) {
                bar.stepBy(bytes);
            }
        }

        @Override
        public void note(String message) {
            if (!silenced) {
                out.println(message);
            }
        }

        @Override
        public void finish() {
            if (bar != null) {
                bar.close();
                bar = null;
                DRAWN.decrementAndGet();
            }
        }
    }

    /**
     * Plain lines for logs (CI): one line per task when it ends; a long task also says how far it is (every 10 %, at
     * most every 5 s, and at least every minute), with the time left. Every line names its task.
     */
    static final class Lines implements Progress {
        static final Duration QUIET_FOR = Duration.ofSeconds(5);
        static final Duration AT_LEAST_EVERY = Duration.ofMinutes(1);

        private final PrintStream out;
        private final Unit unit;
        private final java.util.function.LongSupplier clock;
        private final java.util.function.Supplier<List<String>> extras;
        private String task;
        private long total;
        private long done;
        private long startedAt;
        private long startedFrom;
        private long lastLineAt;
        private long lastLineDone;
        private boolean saidAnything;

        Lines(PrintStream out, Unit unit) {
            this(out, unit, System::nanoTime, null);
        }

        /**
         * @param clock  nanoseconds, as {@link System#nanoTime()} (a test's own clock)
         * @param extras the caller's fields for each line, most useful first; null for the rate
         */
        Lines(PrintStream out, Unit unit, java.util.function.LongSupplier clock,
              java.util.function.Supplier<List<String>> extras) {
            this.out = out;
            this.unit = unit;
            this.clock = clock;
            this.extras = extras;
        }

        @Override
        public void start(String task, long total, long done) {
            finish();
            this.task = task;
            this.total = total;
            this.done = done;
            this.startedFrom = done;
            this.startedAt = clock.getAsLong();
            this.lastLineAt = startedAt;
            this.lastLineDone = done;
            this.saidAnything = false;
        }

        @Override
        public void advance(long bytes) {
            done += bytes;
            long now = clock.getAsLong();
            long since = now - lastLineAt;
            boolean tenth = total > 0 && done - lastLineDone >= total / 10;
            if (since >= AT_LEAST_EVERY.toNanos() || (tenth && since >= QUIET_FOR.toNanos())) {
                say(line(now).log());
                lastLineAt = now;
                lastLineDone = done;
            }
        }

        private ProgressLine line(long now) {
            Duration elapsed = Duration.ofNanos(now - startedAt);
            return new ProgressLine(task, done, startedFrom, total, elapsed, unit, extras != null ? extras.get()
                    : List.of(unit.rate(done - startedFrom, elapsed)));
        }

        private void say(String line) {
            if (silenced) {
                return;
            }
            out.println(saidAnything || startedFrom == 0 ? line
                    : line + " (continuing at " + unit.format(startedFrom) + ")");
            saidAnything = true;
        }

        @Override
        public void note(String message) {
            if (!silenced) {
                out.println(task == null ? message : task + ": " + message);
            }
        }

        @Override
        public void finish() {
            if (task != null) {
                long now = clock.getAsLong();
                Duration elapsed = Duration.ofNanos(now - startedAt);
                say(String.format(Locale.ROOT, "%s: %s in %s (%s)", task, unit.format(done - startedFrom),
                        ProgressLine.clock(elapsed), unit.rate(done - startedFrom, elapsed)));
                task = null;
            }
        }
    }
}
