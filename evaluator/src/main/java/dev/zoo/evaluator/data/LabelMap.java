package dev.zoo.evaluator.data;

import dev.zoo.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --label-map FILE}: which of the network's outputs stands for each of the data's classes, one
 * {@code CLASS OUTPUT} pair per line ('#' starts a comment). CLASS is a wnid, a class folder's name or a label number;
 * OUTPUT is the network's class index. Needed when the network's classes are not the data's (an ImageNet-21k head on
 * ImageNet-1k images, a 10-class head on folders in another order).
 */
public record LabelMap(Path file, String sha256, Map<String, Integer> outputs) {

    public LabelMap {
        outputs = Map.copyOf(outputs);
    }

    public static LabelMap read(Path file) throws DatasetException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("cannot read the label map " + file + ": " + e.getMessage(), e);
        }
        Map<String, Integer> outputs = new LinkedHashMap<>();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[\\s,]+");
            String where = file + ":" + (i + 1);
            if (parts.length != 2) {
                throw new DatasetException(where + ": expected 'CLASS OUTPUT' (a wnid, folder name or label, then "
                        + "the network's class index), found '" + line + "'");
            }
            int output;
            try {
                output = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new DatasetException(where + ": '" + parts[1] + "' is not a class index");
            }
            if (output < 0) {
                throw new DatasetException(where + ": class index " + output + " is negative");
            }
            if (outputs.put(parts[0], output) != null) {
                throw new DatasetException(where + ": '" + parts[0] + "' is mapped twice");
            }
        }
        if (outputs.isEmpty()) {
            throw new DatasetException(file + ": the label map is empty");
        }
        return new LabelMap(file, Sha256.hex(bytes), outputs);
    }

    /** For provenance: the file and its digest. */
    public String describe() {
        return file + " (sha256 " + sha256 + ")";
    }
}
