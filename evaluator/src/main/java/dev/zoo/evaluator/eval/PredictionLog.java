package dev.zoo.evaluator.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-image predictions as CSV ({@code file,label,top1..top5,logit1..logit5}), appended and flushed batch by batch: it
 * is both the {@code --predictions} output and the checkpoint a resumed run continues from. Names are quoted as CSV
 * quotes them (a comma, a quote or a newline in a file name survives the round trip); a last row cut by a kill is
 * ignored on reading.
 */
public final class PredictionLog implements AutoCloseable {

    static final List<String> COLUMNS = List.of("file", "label", "top1", "top2", "top3", "top4", "top5", "logit1",
            "logit2", "logit3", "logit4", "logit5");
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\n");

    private final BufferedWriter file;
    private final SequenceWriter out;

    private PredictionLog(BufferedWriter file, SequenceWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens for appending, writing the header to a new file. An existing log (a resumed run) is first rewritten with
     * its complete rows only: a kill can leave half a row.
     */
    public static PredictionLog append(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<Prediction> kept = read(path);
        Path tmp = Files.createTempFile(dir, ".predictions", ".tmp");
        try (PredictionLog fresh = open(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            fresh.out.write(COLUMNS.toArray(String[]::new));
            fresh.write(kept);
        }
        // the complete rows replace the file in one step: a kill now loses nothing
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return open(path, StandardOpenOption.APPEND);
    }

    private static PredictionLog open(Path path, StandardOpenOption mode) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, mode);
        return new PredictionLog(w, CSV.writerFor(String[].class).with(ROWS).writeValues(w));
    }

    public synchronized void write(List<Prediction> batch) throws IOException {
        for (Prediction p : batch) {
            String[] row = new String[COLUMNS.size()];
            row[0] = p.name();
            row[1] = Integer.toString(p.label());
            for (int i = 0; i < 5; i++) {
                row[2 + i] = i < p.top().length ? Integer.toString(p.top()[i]) : "";
                row[7 + i] = i < p.logits().length ? String.format(Locale.ROOT, "%.6g", p.logits()[i]) : "";
            }
            out.write(row);
        }
        out.flush();
    }

    /** Every complete prediction of a log (for resuming). */
    public static List<Prediction> read(Path path) throws IOException {
        List<Prediction> out = new ArrayList<>();
        if (!Files.exists(path)) {
            return out;
        }
        try (MappingIterator<String[]> rows = reader(path)) {
            boolean header = true;
            while (rows.hasNextValue()) {
                String[] f;
                try {
                    f = rows.nextValue();
                } catch (RuntimeException cut) {
                    break;   // a row cut inside quotes by a kill
                }
                if (header || f.length != COLUMNS.size()) {
                    header = false;
                    continue;   // the header, or a row cut by a kill
                }
                out.add(parse(f));
            }
        }
        return out;
    }

    private static Prediction parse(String[] f) {
        List<Integer> top = new ArrayList<>();
        List<Float> logits = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            if (!f[2 + k].isEmpty()) {
                top.add(Integer.parseInt(f[2 + k]));
                logits.add(Float.parseFloat(f[7 + k]));
            }
        }
        float[] l = new float[logits.size()];
        for (int k = 0; k < l.length; k++) {
            l[k] = logits.get(k);
        }
        return new Prediction(f[0], Integer.parseInt(f[1]), top.stream().mapToInt(Integer::intValue).toArray(), l);
    }

    private static MappingIterator<String[]> reader(Path path) throws IOException {
        return CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(path.toFile());
    }

    @Override
    public void close() throws IOException {
        out.close();
        file.close();
    }
}
