package dev.zoo.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 file server for tests, written on raw sockets so it can misbehave exactly: drop or reset the
 * connection mid-body, send fewer bytes than Content-Length, answer 503, ignore Range, stall, corrupt a byte.
 */
public final class FaultyHttpServer implements AutoCloseable {

    public enum Fault {
        NONE,
        /** The first response closes the connection after half the body. */
        DROP_ONCE,
        /** The first response is cut by a TCP reset after a third of the body. */
        RESET_ONCE,
        /** The first response announces the full Content-Length but sends 1,000 bytes less, then closes. */
        SHORT_BODY_ONCE,
        /** The first two requests get 503 Service Unavailable. */
        UNAVAILABLE_TWICE,
        /** Every request gets 503. */
        UNAVAILABLE_ALWAYS,
        /** Range is never honoured: always 200 with the whole file (the first response is also cut half-way). */
        IGNORE_RANGE,
        /** One byte in the middle of the file is flipped in every response. */
        CORRUPT_BYTE,
        /** The first response stops sending after a quarter of the body and keeps the connection open. */
        STALL_ONCE
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile Fault fault = Fault.NONE;
    private volatile long bytesPerSecond = Long.MAX_VALUE;

    public FaultyHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    public URI put(String path, byte[] content) {
        files.put(path, content);
        return uri(path);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    public void fault(Fault f) {
        fault = f;
        requests.set(0);
    }

    /** Slows every body down, so a test can interrupt a download part-way. */
    public void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public int requests() {
        return requests.get();
    }

    public long bodyBytesSent() {
        return bodyBytes.get();
    }

    /** The Range headers received, "-" for requests without one. */
    public List<String> ranges() {
        return ranges;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            String range = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("range:")) {
                    range = line.substring(6).trim();
                }
            }
            int n = requests.incrementAndGet();
            ranges.add(range == null ? "-" : range);
            String path = requestLine.split(" ")[1];
            OutputStream out = s.getOutputStream();
            byte[] file = files.get(path);
            Fault f = fault;
            if (file == null) {
                head(out, "404 Not Found", 0, null);
                return;
            }
            if (f == Fault.UNAVAILABLE_ALWAYS || (f == Fault.UNAVAILABLE_TWICE && n <= 2)) {
                head(out, "503 Service Unavailable", 0, null);
                return;
            }
            if (f == Fault.CORRUPT_BYTE) {
                file = file.clone();
                file[file.length / 2] ^= 0x5A;
            }
            long start = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches() && f != Fault.IGNORE_RANGE) {
                start = Long.parseLong(m.group(1));
            }
            if (start >= file.length && start > 0) {
                head(out, "416 Range Not Satisfiable", 0, "bytes */" + file.length);
                return;
            }
            int length = (int) (file.length - start);
            if (start > 0) {
                head(out, "206 Partial Content", length, "bytes " + start + "-" + (file.length - 1) + "/" + file.length);
            } else {
                head(out, "200 OK", length, null);
            }
            int limit = length;
            boolean first = n == 1;
            if (first && (f == Fault.DROP_ONCE || f == Fault.IGNORE_RANGE)) {
                limit = length / 2;
            } else if (first && f == Fault.RESET_ONCE) {
                limit = length / 3;
            } else if (first && f == Fault.SHORT_BODY_ONCE) {
                limit = Math.max(0, length - 1000);
            } else if (first && f == Fault.STALL_ONCE) {
                limit = length / 4;
            }
            send(out, file, (int) start, limit);
            if (first && f == Fault.RESET_ONCE) {
                s.setSoLinger(true, 0);   // close with RST
            }
            if (first && f == Fault.STALL_ONCE) {
                Thread.sleep(30_000);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: part of the test
        }
    }

    private void send(OutputStream out, byte[] file, int start, int limit) throws IOException, InterruptedException {
        int chunk = 64 * 1024;
        long began = System.nanoTime();
        long sent = 0;
        for (int off = 0; off < limit; off += chunk) {
            int len = Math.min(chunk, limit - off);
            try {
                out.write(file, start + off, len);
            } catch (SocketException e) {
                return;
            }
            bodyBytes.addAndGet(len);
            sent += len;
            if (bytesPerSecond != Long.MAX_VALUE) {
                long due = began + sent * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        out.flush();
    }

    private static void head(OutputStream out, String status, long length, String contentRange) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Accept-Ranges: bytes\r\nConnection: close\r\n");
        if (contentRange != null) {
            h.append("Content-Range: ").append(contentRange).append("\r\n");
        }
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
    }
}
