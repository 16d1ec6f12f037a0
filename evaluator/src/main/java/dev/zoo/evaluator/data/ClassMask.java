package dev.zoo.evaluator.data;

import dev.zoo.metadata.KnownDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;

/**
 * The ImageNet-1k classes a 200-class set is scored on (ImageNet-A, ImageNet-R and their clean counterparts): the
 * other 800 logits are left out before top-k, as timm's results do. The class lists are timm's
 * ({@code timm/data/_info/imagenet_a_indices.txt}, {@code imagenet_r_indices.txt}, Apache-2.0), in the standard index.
 */
public final class ClassMask {

    private static final ClassMask A = load("imagenet_a_indices.txt");
    private static final ClassMask R = load("imagenet_r_indices.txt");

    private final String file;
    private final BitSet classes;

    private ClassMask(String file, BitSet classes) {
        this.file = file;
        this.classes = classes;
    }

    /** The mask a dataset is scored with; empty for a set scored on all 1,000 classes. */
    public static Optional<ClassMask> of(KnownDataset dataset) {
        return switch (dataset) {
            case IMAGENET_A, IMAGENET_A_CLEAN -> Optional.of(A);
            case IMAGENET_R, IMAGENET_R_CLEAN -> Optional.of(R);
            default -> Optional.empty();
        };
    }

    public boolean contains(int standardIndex) {
        return standardIndex >= 0 && classes.get(standardIndex);
    }

    public int size() {
        return classes.cardinality();
    }

    /** The classes, as a set of standard indices (a copy). */
    public BitSet classes() {
        return (BitSet) classes.clone();
    }

    /** Leaves out, in place, the logits of one image's row ({@code classes} wide at {@code offset}) off the mask. */
    public void apply(float[] logits, int offset, int width) {
        for (int c = 0; c < width; c++) {
            if (!classes.get(c)) {
                logits[offset + c] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public String toString() {
        return size() + " classes (" + file + ")";
    }

    private static ClassMask load(String file) {
        String resource = "/zoo/imagenet/" + file;
        try (InputStream in = ClassMask.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BitSet set = new BitSet(1000);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    set.set(Integer.parseInt(line.strip()));
                }
            }
            return new ClassMask(file, set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
