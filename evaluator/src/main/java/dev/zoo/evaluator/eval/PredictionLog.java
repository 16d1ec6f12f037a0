package dev.zoo.evaluator.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-image predictions as CSV ({@code file,label,top1..top5,logit1..logit5}), appended and flushed batch by batch: it
 * is both the {@code --predictions} output and the checkpoint a resumed run continues from. A last line cut by a kill
 * is ignored on reading.
 */
public final class PredictionLog implements AutoCloseable {

    static final String HEADER = "file,label,top1,top2,top3,top4,top5,logit1,logit2,logit3,logit4,logit5";

    private final BufferedWriter out;

    private PredictionLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens for appending, writing the header to a new file. */
    public static PredictionLog append(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
            truncateCutLine(file);
        }
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(HEADER);
            w.newLine();
            w.flush();
        }
        return new PredictionLog(w);
    }

    /** A kill can leave half a line: cut the file back to its last complete line. */
    private static void truncateCutLine(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end != all.length) {
            try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
    }

    public synchronized void write(List<Prediction> batch) throws IOException {
        for (Prediction p : batch) {
            StringBuilder sb = new StringBuilder(csv(p.name())).append(',').append(p.label());
            for (int i = 0; i < 5; i++) {
                sb.append(',').append(i < p.top().length ? String.valueOf(p.top()[i]) : "");
            }
            for (int i = 0; i < 5; i++) {
                sb.append(',').append(i < p.logits().length ? String.format(Locale.ROOT, "%.6g", p.logits()[i]) : "");
            }
            out.write(sb.toString());
            out.newLine();
        }
        out.flush();
    }

    /** Every complete prediction of a log (for resuming). */
    public static List<Prediction> read(Path file) throws IOException {
        List<Prediction> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            List<String> f = splitCsv(line);
            if (f.size() != 12) {
                continue;   // a line cut by a kill
            }
            List<Integer> top = new ArrayList<>();
            List<Float> logits = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                if (!f.get(2 + k).isEmpty()) {
                    top.add(Integer.parseInt(f.get(2 + k)));
                    logits.add(Float.parseFloat(f.get(7 + k)));
                }
            }
            float[] l = new float[logits.size()];
            for (int k = 0; k < l.length; k++) {
                l[k] = logits.get(k);
            }
            out.add(new Prediction(f.get(0), Integer.parseInt(f.get(1)),
                    top.stream().mapToInt(Integer::intValue).toArray(), l));
        }
        return out;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
