package dev.zoo.evaluator;

import dev.zoo.evaluator.npz.NpyArray;
import dev.zoo.evaluator.npz.NpyFormat;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Golden data from the independent PyTorch + PIL reference, copied into the test resources. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + relative, e);
        }
    }

    /** The bytes of a fixture, also from the test jar other modules use. */
    public static byte[] bytes(String relative) throws java.io.IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + relative)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + relative);
            }
            return in.readAllBytes();
        }
    }

    public static NpyArray npy(String relative) throws Exception {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + relative)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + relative);
            }
            return NpyFormat.read(in, relative, relative);
        }
    }
}
