package dev.zoo.evaluator.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.zoo.results.Prediction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-image predictions as CSV ({@code file,label,top1..top5,logit1..logit5,confidence}, the last the top-1 softmax
 * probability; files without it are read too): what {@code --predictions FILE} writes,
 * from the predictions the database holds. Names are quoted as CSV quotes them (a comma, a quote or a newline in a
 * file name survives the round trip).
 */
public final class PredictionLog {

    static final List<String> COLUMNS = List.of("file", "label", "top1", "top2", "top3", "top4", "top5", "logit1",
            "logit2", "logit3", "logit4", "logit5", "confidence");
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\n");

    private PredictionLog() {
    }

    /** Writes the file whole, atomically (a temporary file renamed into place). */
    public static void write(Path path, List<Prediction> predictions) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".predictions", ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            write(w, predictions);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the CSV, header first, to {@code out} (left open). */
    public static void write(java.io.Writer out, List<Prediction> predictions) throws IOException {
        try (SequenceWriter rows = CSV.writerFor(String[].class).with(ROWS)
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out)) {
            rows.write(COLUMNS.toArray(String[]::new));
            for (Prediction p : predictions) {
                String[] row = new String[COLUMNS.size()];
                row[0] = p.name();
                row[1] = Integer.toString(p.label());
                for (int i = 0; i < 5; i++) {
                    row[2 + i] = i < p.top().length ? Integer.toString(p.top()[i]) : "";
                    row[7 + i] = i < p.logits().length ? String.format(Locale.ROOT, "%.6g", p.logits()[i]) : "";
                }
                row[12] = Float.isNaN(p.confidence()) ? "" : String.format(Locale.ROOT, "%.6g", p.confidence());
                rows.write(row);
            }
        }
    }

    /** Every prediction of a file, in its order (the ordinal is the row's place). */
    public static List<Prediction> read(Path path) throws IOException {
        List<Prediction> out = new ArrayList<>();
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(path.toFile())) {
            boolean header = true;
            while (rows.hasNextValue()) {
                String[] f = rows.nextValue();
                if (header || f.length < COLUMNS.size() - 1) {
                    header = false;
                    continue;
                }
                out.add(parse(f, out.size()));
            }
        }
        return out;
    }

    private static Prediction parse(String[] f, int ordinal) {
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
        float confidence = f.length > 12 && !f[12].isEmpty() ? Float.parseFloat(f[12]) : Float.NaN;
        return new Prediction(ordinal, f[0], Integer.parseInt(f[1]), top.stream().mapToInt(Integer::intValue)
                .toArray(), l, confidence);
    }
}
