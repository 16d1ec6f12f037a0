package dev.zoo.evaluator.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation labels in the formats people have, all mapped to the standard class index and keyed by image file name:
 * the devkit's {@code ILSVRC2012_validation_ground_truth.txt} (one devkit ID per line, in file order), Caffe's
 * {@code val.txt} ({@code name index}), TensorFlow's synset labels (one wnid per line, in file order) and Kaggle's
 * {@code LOC_val_solution.csv} (first wnid of each row).
 */
public final class LabelFile {

    public enum Format { DEVKIT_IDS, CAFFE, WNID_LINES, KAGGLE_CSV }

    private static final Pattern CAFFE = Pattern.compile("(\\S+)\\s+(\\d+)");
    private static final Pattern WNID = Pattern.compile("n\\d{8}");

    private LabelFile() {
    }

    /** The ILSVRC2012 validation file name of the n-th image (1-based). */
    public static String valName(int n) {
        return String.format(Locale.ROOT, "ILSVRC2012_val_%08d.JPEG", n);
    }

    /** Reads the labels: file name (as in the folder) to standard index. */
    public static Map<String, Integer> read(Path file) throws DatasetException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("cannot read the label file " + file + ": " + e.getMessage(), e);
        }
        Format format = detect(file, lines);
        if (format == Format.KAGGLE_CSV) {
            return kaggle(file);
        }
        ImageNetClasses classes = ImageNetClasses.get();
        Map<String, Integer> labels = new HashMap<>();
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty()) {
                continue;
            }
            switch (format) {
                case DEVKIT_IDS -> {
                    int id = parseInt(line, where);
                    int index = classes.fromDevkitId(id);
                    if (index < 0) {
                        throw new DatasetException(where + ": devkit ID " + id + " is not in 1..1000");
                    }
                    labels.put(valName(++n), index);
                }
                case CAFFE -> {
                    Matcher m = CAFFE.matcher(line);
                    if (!m.matches()) {
                        throw new DatasetException(where + ": expected 'FILE INDEX', found '" + line + "'");
                    }
                    int index = parseInt(m.group(2), where);
                    if (index >= classes.size()) {
                        throw new DatasetException(where + ": class index " + index + " is not in 0..999");
                    }
                    labels.put(m.group(1), index);
                }
                case WNID_LINES -> labels.put(valName(++n), wnidIndex(line, where));
                default -> throw new IllegalStateException();
            }
        }
        if (labels.isEmpty()) {
            throw new DatasetException(file + ": holds no labels");
        }
        return labels;
    }

    /** Kaggle's {@code LOC_val_solution.csv}: ImageId, then boxes whose first word is the wnid. */
    private static Map<String, Integer> kaggle(Path file) throws DatasetException {
        Map<String, Integer> labels = new HashMap<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                String where = file + ":" + rows.getCurrentLocation().getLineNr();
                String image = row.get("ImageId");
                String boxes = row.get("PredictionString");
                if (image == null || boxes == null || boxes.isBlank()) {
                    throw new DatasetException(where + ": expected 'ImageId,PredictionString'");
                }
                labels.put(image.trim() + ".JPEG", wnidIndex(boxes.trim().split("\\s+")[0], where));
            }
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": not a CSV with ImageId,PredictionString columns: " + e.getMessage(),
                    e);
        }
        if (labels.isEmpty()) {
            throw new DatasetException(file + ": holds no labels");
        }
        return labels;
    }

    static Format detect(Path file, List<String> lines) throws DatasetException {
        String first = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElseThrow(() -> new DatasetException(file + ": the label file is empty"));
        if (first.startsWith("ImageId,")) {
            return Format.KAGGLE_CSV;
        }
        if (first.matches("\\d+")) {
            return Format.DEVKIT_IDS;
        }
        if (WNID.matcher(first).matches()) {
            return Format.WNID_LINES;
        }
        if (CAFFE.matcher(first).matches()) {
            return Format.CAFFE;
        }
        throw new DatasetException(file + ":1: unknown label format (expected the devkit's ground truth, a Caffe "
                + "val.txt, one wnid per line, or LOC_val_solution.csv), found '" + first + "'");
    }

    private static int parseInt(String s, String where) throws DatasetException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new DatasetException(where + ": expected a number, found '" + s + "'");
        }
    }

    private static int wnidIndex(String wnid, String where) throws DatasetException {
        return ImageNetClasses.get().indexOf(wnid)
                .orElseThrow(() -> new DatasetException(where + ": '" + wnid + "' is not an ImageNet-1k wnid"));
    }
}
