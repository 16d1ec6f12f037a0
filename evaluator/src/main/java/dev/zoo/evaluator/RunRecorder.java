package dev.zoo.evaluator;

import dev.zoo.core.DiskSpace;
import dev.zoo.core.ZooException;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Rates;
import dev.zoo.core.DatabaseException;
import dev.zoo.core.ZooHome;
import dev.zoo.results.Prediction;
import dev.zoo.results.EvalSpec;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bookkeeping of one run in the database and in {@code ZOO_HOME/runs/ID}: starts (or resumes) it, holds its lock
 * (a run whose lock is free belongs to no live process), stores its predictions batch by batch with its progress,
 * sends a heartbeat between batches, marks it interrupted if the JVM is stopped, and finishes it exactly once.
 * Closing a recorder that was not finished marks the run failed.
 */
final class RunRecorder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunRecorder.class.getName());
    /** Recorders whose run is open, so that a shutdown can mark them interrupted while the database still works. */
    private static final Set<RunRecorder> LIVE = ConcurrentHashMap.newKeySet();

    /** Tries to record how a run ended once the disk's reserve is given back (about 4.5 s in all). */
    private static final int RECORD_ATTEMPTS = 10;

    private final RunRepository runs;
    private final long runId;
    private final Path dir;
    private final RunLock lock;
    private final boolean resumed;
    private final Integer recordedBatch;
    private final AtomicInteger scored = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final ScheduledExecutorService heartbeat;
    private final Thread hook;
    private volatile boolean finished;

    private RunRecorder(RunRepository runs, long runId, String resumeCommand, Path dir, RunLock lock,
                        boolean resumed, Integer recordedBatch) {
        this.runs = runs;
        this.runId = runId;
        this.resumeCommand = resumeCommand;
        this.dir = dir;
        this.lock = lock;
        this.resumed = resumed;
        this.recordedBatch = recordedBatch;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zoo-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = RunRepository.HEARTBEAT.toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        this.hook = new Thread(() -> end(Run.Status.INTERRUPTED, null, List.of(), null, interruption()),
                "zoo-eval-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        LIVE.add(this);
    }

    /**
     * Marks every open run of this process interrupted. The application calls it first thing when it shuts down
     * (SIGTERM, Ctrl-C), before it closes the connection pool; the JVM hook alone would race the pool's closing.
     */
    static List<String> interruptAll() {
        List<String> out = new java.util.ArrayList<>();
        for (RunRecorder r : LIVE) {
            String how = r.interruption();
            r.end(Run.Status.INTERRUPTED, null, List.of(), null, how);
            out.add("run #" + r.runId + " " + how);
        }
        return out;
    }

    /** What continues this run ({@link Run#resumeCommand()}): what an interruption tells. */
    private final String resumeCommand;
    private volatile int total;

    /** How many images the run has in all: what an interruption tells beside how many it scored. */
    void expecting(int images) {
        this.total = images;
    }

    /** "interrupted at 16 of 50 images; zoo eval --resume 7 continues it". */
    private String interruption() {
        return "interrupted" + (total > 0 ? String.format(java.util.Locale.ROOT, " at %,d of %,d images",
                scored.get(), total) : "") + "; " + resumeCommand + " continues it";
    }

    /** Records a new run (status running) and takes its lock. */
    static RunRecorder start(ZooHome home, RunRepository runs, Run run) throws ZooException {
        long id = runs.start(run);
        Path dir = runDir(home, id);
        return new RunRecorder(runs, id, Run.resumeCommand(id, run), dir, RunLock.acquire(dir, id), false, null);
    }

    /** Takes over the newest unfinished run of these weights, recipe and images whose process is gone. */
    static RunRecorder resume(ZooHome home, RunRepository runs, String modelId, String weightsSha256, String recipe,
                              String fingerprint) throws ZooException {
        RunRecorder r = resumeIfAny(home, runs, modelId, weightsSha256, recipe, fingerprint);
        if (r == null) {
            throw new ZooException(ZooException.Kind.USAGE, "--resume: no interrupted run of " + modelId + " with "
                    + "these weights, recipe and images (zoo show " + modelId + " lists runs)");
        }
        return r;
    }

    /**
     * The newest unfinished run of these weights, recipe and images whose process is gone, taken over; or null. Gone
     * means: no heartbeat for a minute (on any machine), or started on this machine with its lock free.
     */
    static RunRecorder resumeIfAny(ZooHome home, RunRepository runs, String modelId, String weightsSha256,
                                   String recipe, String fingerprint) throws ZooException {
        for (Run r : runs.unfinished(modelId, weightsSha256, recipe, fingerprint)) {
            RunRecorder taken = takeOver(home, runs, r);
            if (taken != null) {
                return taken;
            }
        }
        return null;
    }

    /**
     * Takes over run {@code r} (interrupted, or unfinished on this machine with its lock free), or returns null when
     * a live process has it: running on another machine as far as its heartbeat says, or holding its lock here.
     */
    static RunRecorder takeOver(ZooHome home, RunRepository runs, Run r) throws ZooException {
        boolean here = EvalJob.host().equals(r.provenance().host());
        if (r.status() != Run.Status.INTERRUPTED && !here) {
            return null;
        }
        Path dir = runDir(home, r.id());
        RunLock lock = RunLock.tryAcquire(dir);
        if (lock == null) {
            return null;
        }
        try {
            runs.markRunning(r.id());
        } catch (DatabaseException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new RunRecorder(runs, r.id(), r.resumeCommand(), dir, lock, true, r.provenance().batchSize());
    }

    private static Path runDir(ZooHome home, long id) {
        return home.root().resolve("runs").resolve(Long.toString(id));
    }

    long id() {
        return runId;
    }

    boolean resumed() {
        return resumed;
    }

    /**
     * The batch size to evaluate with: a resumed run's own, else the one asked for, else ({@code --batch auto}) what
     * {@code probe} finds, recorded with the run.
     */
    int batchSize(int requested, java.util.function.IntSupplier probe) throws ZooException {
        if (recordedBatch != null) {
            return recordedBatch;
        }
        if (requested != EvalSpec.AUTO_BATCH) {
            return requested;
        }
        int found = probe.getAsInt();
        runs.recordBatchSize(runId, found);
        return found;
    }

    /** What this run has scored so far (a resumed run's earlier predictions), from the database. */
    List<Prediction> predictions() throws ZooException {
        return runs.predictions(runId);
    }

    /**
     * The run was ended while a batch was being computed (a stop signal marked it interrupted): the batch is not
     * stored (a resume counts only stored predictions and computes it again), and the evaluation stops.
     */
    static final class Ended extends IOException {
        Ended(String message) {
            super(message);
        }
    }

    /** Stores each batch of predictions with the run's progress, in one transaction, while the run is open. */
    Evaluator.PredictionSink sink() {
        return (batch, scoredSoFar, skippedSoFar) -> {
            try {
                synchronized (this) {
                    if (finished) {
                        throw new Ended("run #" + runId + " " + interruption());
                    }
                    runs.recordBatch(runId, batch, scoredSoFar, skippedSoFar);
                }
            } catch (DatabaseException e) {
                Optional<Path> full = runs.fullDisk();
                if (full.isPresent()) {
                    throw new DiskSpace.NoSpaceLeft(full.get(), e);
                }
                throw new IOException("cannot store the predictions of run " + runId + ": " + e.getMessage(), e);
            }
        };
    }

    /** The listener, also counting progress for the heartbeat. */
    Evaluator.Listener tracking(Evaluator.Listener listener) {
        return new Evaluator.Listener() {
            @Override
            public void started(int total, int alreadyDone) {
                scored.set(alreadyDone);
                listener.started(total, alreadyDone);
            }

            @Override
            public void progress(int scoredSoFar, int skippedSoFar, int total, double top1, Rates rates) {
                scored.set(scoredSoFar);
                skipped.set(skippedSoFar);
                listener.progress(scoredSoFar, skippedSoFar, total, top1, rates);
            }

            @Override
            public void imageFailed(String message) {
                listener.imageFailed(message);
            }
        };
    }

    private void beat() {
        try {
            runs.heartbeat(runId, scored.get(), skipped.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the progress of run {0}: {1}", runId, e.getMessage());
        }
    }

    /** The run is done: its scope as scored, its numbers. */
    synchronized Run completed(Scope scope, List<Run.Measurement> results, double imagesPerSecond,
                               Run.Throughput throughput, String note) throws ZooException {
        if (finished) {   // a shutdown marked it interrupted meanwhile: what the loop returned is not the whole
            throw new ZooException(ZooException.Kind.IO, "interrupted");
        }
        runs.finish(runId, Run.Status.COMPLETED, scope, results, imagesPerSecond, throughput, note);
        finished = true;
        return runs.find(runId).orElseThrow();
    }

    /**
     * The disk under {@code dir} filled up: the run is interrupted (it resumes to the same numbers once there is
     * room), recorded in the space the database kept for this, and what happened is returned for the user.
     */
    String outOfSpace(Path dir) {
        String message = "no space left on " + dir + ": run #" + runId + " " + interruption() + " once there is room";
        end(Run.Status.INTERRUPTED, null, List.of(), null, message);
        return message;
    }

    /** The run ended without numbers (failed or interrupted); recorded once, quietly (the caller reports the cause). */
    void failed(Run.Status status, String message) {
        end(status, null, List.of(), null, message);
    }

    private synchronized void end(Run.Status status, Scope scope, List<Run.Measurement> results, Double rate,
                                  String error) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            runs.finish(runId, status, scope, results, rate, null, error);
        } catch (RuntimeException e) {
            if (runs.fullDisk().isPresent() && runs.releaseSpaceReserve()) {
                // the pool closes its dead connections in the background: a try may still get one, the next not
                for (int attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
                    try {
                        Thread.sleep(100L * attempt);
                        runs.finish(runId, status, scope, results, rate, null, error);
                        return;
                    } catch (RuntimeException again) {
                        e = again;
                        runs.reconnect();
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            LOG.log(Level.WARNING, "could not mark run {0} {1}: {2}", runId, status.label(), e.getMessage());
        }
    }

    @Override
    public void close() {
        LIVE.remove(this);
        heartbeat.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return;   // the JVM is shutting down: the hook marks the run interrupted
        }
        if (!finished) {
            end(Run.Status.FAILED, null, List.of(), null, "the evaluation ended without a result");
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not release the lock of run {0}: {1}", runId, e.getMessage());
        }
    }

    /** Held while a run is evaluated; a run whose lock is free belongs to no live process and may be resumed. */
    static final class RunLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private RunLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static RunLock acquire(Path dir, long runId) throws ZooException {
            RunLock l = tryAcquire(dir);
            if (l == null) {
                throw new ZooException(ZooException.Kind.USAGE, "run " + runId + " is being evaluated by another "
                        + "process");
            }
            return l;
        }

        /** The lock, or null when another process holds it. */
        static RunLock tryAcquire(Path dir) throws ZooException {
            try {
                Files.createDirectories(dir);
                FileChannel ch = FileChannel.open(dir.resolve("run.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;   // held in this JVM
                }
                if (l == null) {
                    ch.close();
                    return null;
                }
                return new RunLock(ch, l);
            } catch (IOException e) {
                throw new ZooException(ZooException.Kind.IO, "cannot lock " + dir + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
