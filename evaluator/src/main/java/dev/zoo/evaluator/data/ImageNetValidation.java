package dev.zoo.evaluator.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ILSVRC2012 validation set as it is published: 50,000 images named {@code ILSVRC2012_val_00000001.JPEG} …
 * {@code ILSVRC2012_val_00050000.JPEG}, each with its ground-truth class (the devkit's labels, in the standard index).
 * A folder is ImageNet-1k validation when every image carries one of these names and exactly its ground-truth label.
 */
public final class ImageNetValidation {

    public static final int IMAGES = 50_000;

    private static final Pattern NAME = Pattern.compile("ILSVRC2012_val_(\\d{8})\\.(jpe?g|png)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("ILSVRC2012_val_(\\d{8})");
    private static final short[] LABELS = load();

    private ImageNetValidation() {
    }

    /** The validation number (1 … 50,000) of a file named like {@code ILSVRC2012_val_00000042.JPEG}. */
    public static OptionalInt number(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= IMAGES ? OptionalInt.of(n) : OptionalInt.empty();
    }

    /** The validation number found anywhere in a sample name (ReaL labels key images by it). */
    static OptionalInt numberIn(String name) {
        Matcher m = NUMBER.matcher(name);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The ground-truth standard class index of validation image {@code number}. */
    public static int label(int number) {
        return LABELS[number - 1];
    }

    /**
     * Why these samples are not (a part of) ImageNet-1k validation, or empty when every one of them is a validation
     * image with its ground-truth label and none appears twice.
     */
    static Optional<String> mismatch(List<Sample> samples) {
        BitSet seen = new BitSet(IMAGES + 1);
        for (Sample s : samples) {
            String file = s.file().getFileName().toString();
            OptionalInt n = number(file);
            if (n.isEmpty()) {
                return Optional.of(s.name() + " is not named like an ImageNet validation image "
                        + "(ILSVRC2012_val_00000001.JPEG)");
            }
            if (seen.get(n.getAsInt())) {
                return Optional.of("validation image " + file + " appears twice");
            }
            seen.set(n.getAsInt());
            int truth = label(n.getAsInt());
            if (s.label() != truth) {
                ImageNetClasses classes = ImageNetClasses.get();
                return Optional.of(String.format(Locale.ROOT, "%s is labelled %d (%s) but its ground truth is %d (%s)",
                        s.name(), s.label(), classes.describe(s.label()), truth, classes.describe(truth)));
            }
        }
        return Optional.empty();
    }

    private static short[] load() {
        String resource = "/zoo/imagenet/val_ground_truth.txt";
        try (InputStream in = ImageNetValidation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            short[] labels = new short[IMAGES];
            int n = 0;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    labels[n++] = Short.parseShort(line.trim());
                }
            }
            if (n != IMAGES) {
                throw new IllegalStateException(resource + " holds " + n + " labels, not " + IMAGES);
            }
            return Arrays.copyOf(labels, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
