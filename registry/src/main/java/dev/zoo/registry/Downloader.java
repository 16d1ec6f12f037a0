package dev.zoo.registry;

import dev.zoo.core.Sha256;
import dev.zoo.core.Progress;
import dev.zoo.core.DiskSpace;
import dev.zoo.core.Versions;
import dev.zoo.core.ZooException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a URL into a {@code .part} file while hashing it, resuming what an earlier run left with an HTTP Range
 * request. Retries with exponential backoff on 5xx, timeouts, resets and short bodies; a server that ignores Range gets
 * a clean download from the start. It never decides whether the bytes are right: the caller checks size and digest.
 */
public final class Downloader {

    private static final System.Logger LOG = System.getLogger(Downloader.class.getName());

    static {
        // The JDK client hands bodies over in 16 KB buffers by default; 128 KB ones cut the per-buffer work of
        // hashing and writing and took 1 GiB over loopback from 2.5 s to 1.6 s. Read once, when the client loads.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(128 * 1024));
        }
    }
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final int BUFFER = 1 << 20;
    /** Bound on attempts even when every attempt makes progress (a server that drops after every few bytes). */
    private static final int MAX_TOTAL_ATTEMPTS = 200;

    /**
     * @param maxAttempts    consecutive attempts without progress before giving up
     * @param stallTimeout   a body that delivers no byte for this long is abandoned and resumed
     */
    public record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration connectTimeout,
                           Duration stallTimeout, String userAgent) {

        public static Settings defaults() {
            return new Settings(6, Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofSeconds(20),
                    Duration.ofSeconds(60), "zoo/" + Versions.zoo());
        }
    }

    /** A complete download: its size and sha256, and whether an earlier partial file was continued. */
    public record Download(long size, String sha256, boolean resumed) {
    }

    private final Settings settings;
    private final HttpClient http;

    public Downloader(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /**
     * Completes {@code part} with the bytes of {@code uri}.
     *
     * @param expectedSize the size the catalogue promises, or null; a server announcing another size fails at once
     */
    public Download fetch(URI uri, Path part, Long expectedSize, Progress progress) throws ZooException {
        State state = new State(part);
        ACTIVE.add(state);
        try {
            state.loadExisting(expectedSize, progress);
            boolean resumed = state.have > 0;
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("file")) {
                copyFile(uri, state, expectedSize, progress);
            } else {
                fetchHttp(uri, state, expectedSize, progress);
            }
            return new Download(state.have, Sha256.hex(state.digest), resumed);
        } finally {
            ACTIVE.remove(state);
        }
    }

    private static final java.util.Set<State> ACTIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The downloads of this process under way, as "FILE (N bytes so far)": what a stop signal leaves to resume. */
    public static java.util.List<String> inProgress() {
        return ACTIVE.stream().map(s -> String.format(Locale.ROOT, "%s (%,d bytes so far)", s.part, s.have))
                .toList();
    }

    /** What is in the .part file, and the digest of exactly those bytes. */
    private static final class State {
        final Path part;
        MessageDigest digest = Sha256.newDigest();
        long have;

        State(Path part) {
            this.part = part;
        }

        void loadExisting(Long expectedSize, Progress progress) throws ZooException {
            try {
                if (!Files.exists(part)) {
                    return;
                }
                long size = Files.size(part);
                if (expectedSize != null && size > expectedSize) {
                    restart();
                    return;
                }
                if (size > 0) {
                    progress.start("hashing the partial download", size, 0);
                    Sha256.update(digest, part, progress::advance);
                    progress.finish();
                    have = size;
                }
            } catch (IOException e) {
                throw new ZooException(ZooException.Kind.IO, "cannot read the partial download " + part + ": "
                        + e.getMessage(), e);
            }
        }

        void restart() throws IOException {
            Files.write(part, new byte[0]);
            digest = Sha256.newDigest();
            have = 0;
        }
    }

    private void copyFile(URI uri, State state, Long expectedSize, Progress progress) throws ZooException {
        Path source;
        try {
            source = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ZooException(ZooException.Kind.USAGE, "cannot use " + uri + " as a file path: "
                    + e.getMessage());
        }
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long total = in.size();
            checkAnnouncedSize(uri, total, expectedSize);
            if (state.have > total) {
                state.restart();
            }
            in.position(state.have);
            progress.start("copying " + source.getFileName(), total, state.have);
            try (FileChannel out = openPart(state.part)) {
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                while (in.read(buffer) > 0) {
                    buffer.flip();
                    state.digest.update(buffer.array(), 0, buffer.limit());
                    writeFully(out, buffer, state.part);
                    state.have += buffer.limit();
                    progress.advance(buffer.limit());
                    buffer.clear();
                }
            }
            progress.finish();
        } catch (NoSuchFileException e) {
            throw new ZooException(ZooException.Kind.IO, "no such file: " + source);
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot copy " + source + ": " + e.getMessage(), e);
        }
    }

    private void fetchHttp(URI uri, State state, Long expectedSize, Progress progress) throws ZooException {
        int failuresWithoutProgress = 0;
        IOException lastFailure = null;
        String lastProblem = null;
        for (int attempt = 1; attempt <= MAX_TOTAL_ATTEMPTS; attempt++) {
            long before = state.have;
            try {
                Outcome outcome = attempt(uri, state, expectedSize, progress);
                if (outcome == Outcome.COMPLETE) {
                    return;
                }
                lastProblem = outcome.problem;
            } catch (RetryableException e) {
                lastProblem = e.getMessage();
                lastFailure = e.getCause() instanceof IOException io ? io : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZooException(ZooException.Kind.IO, "interrupted while downloading " + uri);
            }
            failuresWithoutProgress = state.have > before ? 1 : failuresWithoutProgress + 1;
            if (failuresWithoutProgress >= settings.maxAttempts()) {
                break;
            }
            Duration wait = backoff(failuresWithoutProgress);
            progress.note(lastProblem + "; retrying in " + wait.toMillis() + " ms (" + state.have + " bytes kept)");
            LOG.log(Level.DEBUG, "retrying {0}: {1}", uri, lastProblem);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZooException(ZooException.Kind.IO, "interrupted while downloading " + uri);
            }
        }
        throw new ZooException(ZooException.Kind.IO, "giving up on " + uri + " after repeated failures: "
                + lastProblem + " (" + state.have + " bytes kept in " + state.part + "; run the pull again to resume)",
                lastFailure);
    }

    private Duration backoff(int failures) {
        long millis = settings.initialBackoff().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    private enum Outcome {
        COMPLETE(null), RETRY_RANGE_MISMATCH("the server answered the Range request with another range"),
        RETRY_RESTART("the partial download did not fit the server's file; starting again");

        final String problem;

        Outcome(String problem) {
            this.problem = problem;
        }
    }

    /** A failure worth another attempt; the message says what happened. */
    private static final class RetryableException extends Exception {
        private static final long serialVersionUID = 1L;

        RetryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Outcome attempt(URI uri, State state, Long expectedSize, Progress progress)
            throws ZooException, RetryableException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .timeout(settings.connectTimeout().plus(settings.stallTimeout()))
                .header("User-Agent", settings.userAgent())
                .header("Accept-Encoding", "identity");
        if (state.have > 0) {
            request.header("Range", "bytes=" + state.have + "-");
        }
        BodyPump pump = new BodyPump();
        CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request.build(), info -> {
            head.complete(info);
            boolean body = info.statusCode() == 200 || info.statusCode() == 206;
            return body ? HttpResponse.BodySubscribers.fromSubscriber(pump) : HttpResponse.BodySubscribers.discarding();
        });
        exchange.whenComplete((r, e) -> {
            if (e != null) {
                head.completeExceptionally(e);
                pump.onError(e);
            }
        });
        HttpResponse.ResponseInfo response;
        try {
            response = head.get(settings.connectTimeout().plus(settings.stallTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
            throw new RetryableException(describe(cause) + " connecting to " + uri.getHost(), cause);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new RetryableException("no answer from " + uri.getHost() + " in "
                    + settings.connectTimeout().plus(settings.stallTimeout()).toSeconds() + " s", e);
        }
        int status = response.statusCode();
        try {
            long total;
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != state.have) {
                    restart(state);
                    return Outcome.RETRY_RANGE_MISMATCH;
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                if (state.have > 0) {
                    progress.note("the server ignored the Range request; downloading from the start");
                    restart(state);
                }
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                total = length.isPresent() ? length.getAsLong() : -1;
            } else if (status == 416) {
                Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (m.matches() && Long.parseLong(m.group(1)) == state.have) {
                    return Outcome.COMPLETE;   // the partial file already holds everything
                }
                restart(state);
                return Outcome.RETRY_RESTART;
            } else if (status >= 500 || status == 429 || status == 408) {
                throw new RetryableException("HTTP " + status + " from " + uri.getHost(), null);
            } else {
                throw new ZooException(ZooException.Kind.IO, "HTTP " + status + " for " + uri
                        + (status == 404 ? " (not found: check the Weights URL or ZOO_MIRROR)" : ""));
            }
            checkAnnouncedSize(uri, total, expectedSize);
            if (total >= 0) {   // the server said how much is coming: refuse now if it cannot fit
                DiskSpace.require(state.part.getParent(), total - state.have, fileName(uri));
            }
            progress.start("downloading " + fileName(uri), total, state.have);
            stream(pump, state, progress);
            progress.finish();
            if (total >= 0 && state.have < total) {
                throw new RetryableException("the connection closed after " + state.have + " of " + total
                        + " bytes", null);
            }
            if (total >= 0 && state.have > total) {
                restart(state);
                return Outcome.RETRY_RESTART;
            }
            return Outcome.COMPLETE;
        } finally {
            pump.cancel();
            exchange.cancel(true);
        }
    }

    private static void restart(State state) throws ZooException {
        try {
            state.restart();
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot truncate " + state.part + ": " + e.getMessage(), e);
        }
    }

    private static void checkAnnouncedSize(URI uri, long total, Long expectedSize) throws ZooException {
        if (expectedSize != null && total >= 0 && total != expectedSize) {
            throw new ZooException(ZooException.Kind.CHECK_FAILED, String.format(Locale.ROOT,
                    "%s is %,d bytes but the catalogue's File Size says %,d", uri, total, expectedSize));
        }
    }

    /**
     * Writes the body on this thread and hashes it on another while the HTTP client receives the next buffers on its
     * own: receiving, writing and hashing overlap. A body that delivers nothing for the stall timeout is abandoned (and
     * resumed).
     */
    private void stream(BodyPump pump, State state, Progress progress) throws RetryableException, ZooException,
            InterruptedException {
        try (FileChannel out = openPart(state.part); PipelinedDigest hasher = new PipelinedDigest(state.digest)) {
            while (true) {
                Object item = pump.next(settings.stallTimeout());
                if (item == null) {
                    throw new RetryableException("no data for " + settings.stallTimeout().toSeconds() + " s after "
                            + state.have + " bytes", null);
                }
                if (item == BodyPump.END) {
                    return;
                }
                if (item instanceof Throwable t) {
                    throw new RetryableException(describe(t) + " after " + state.have + " bytes", t);
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) item;
                ByteBuffer[] array = buffers.toArray(ByteBuffer[]::new);
                long n = 0;
                for (ByteBuffer b : array) {
                    n += b.remaining();
                }
                hasher.update(buffers);
                try {
                    long left = n;
                    while (left > 0) {
                        left -= out.write(array);
                    }
                } catch (IOException e) {
                    throw new ZooException(ZooException.Kind.IO, "cannot write " + state.part + ": "
                            + e.getMessage(), e);
                }
                state.have += n;
                progress.advance(n);
                pump.consumed();
            }
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot write " + state.part + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands the HTTP client's body buffers to the thread that writes them, with a bounded number in flight (demand is
     * renewed as buffers are consumed, so a slow disk slows the download instead of filling memory).
     */
    private static final class BodyPump implements Flow.Subscriber<List<ByteBuffer>> {
        static final Object END = new Object();
        private static final int IN_FLIGHT = 16;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(IN_FLIGHT);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            queue.add(item);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        Object next(Duration timeout) throws InterruptedException {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void consumed() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private static FileChannel openPart(Path part) throws IOException {
        return FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer, Path part) throws ZooException {
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot write " + part + ": " + e.getMessage(), e);
        }
    }

    static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "weights" : name;
    }

    private static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
