package dev.zoo.evaluator.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ImageNet-ReaL labels (Beyer et al. 2020): for each of the 50,000 validation images, in file order, the list of
 * standard indices that are correct. Images with an empty list are left out of ReaL scoring.
 */
public final class RealLabels {

    private final List<int[]> labels;

    private RealLabels(List<int[]> labels) {
        this.labels = labels;
    }

    /** Reads {@code real.json}: a JSON list (one entry per validation image) of lists of class indices. */
    public static RealLabels read(Path file) throws DatasetException {
        try {
            int[][] lists = new ObjectMapper().readValue(file.toFile(), int[][].class);
            return new RealLabels(Arrays.asList(lists));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DatasetException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not a JSON list of lists of class indices: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return labels.size();
    }

    /**
     * The ReaL labels of an image named like {@code ILSVRC2012_val_00000042.JPEG}; empty when the name has no
     * validation number or the image's list is empty (such images are not scored).
     */
    public Optional<int[]> forImage(String name) {
        java.util.OptionalInt number = ImageNetValidation.numberIn(name);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        int n = number.getAsInt();
        if (n < 1 || n > labels.size() || labels.get(n - 1).length == 0) {
            return Optional.empty();
        }
        return Optional.of(labels.get(n - 1));
    }

}
