package dev.zoo.networks;

import dev.zoo.networks.tensors.Tensor;
import dev.zoo.networks.tensors.NpyFormat;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Golden data from the independent PyTorch + PIL reference, copied into the test resources. */
public final class Fixtures {

    /** The architecture of the tiny BiT-layout network of {@code bit-tiny/} (its config.json). */
    public static final dev.zoo.metadata.NetworkSpec BIT_TINY = new dev.zoo.metadata.NetworkSpec("resnetv2",
            java.util.List.of(2, 2, 2, 2), 1, 16, 8, 10);

    private Fixtures() {
    }

    /** A fixture as a file: where it lies, or (from a test jar another module uses) a copy in a temporary file. */
    public static Path path(String relative) {
        java.net.URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + relative);
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            String name = relative.substring(relative.lastIndexOf('/') + 1);
            Path copy = java.nio.file.Files.createTempDirectory("zoo-fixture").resolve(name);
            try (InputStream in = url.openStream()) {
                java.nio.file.Files.copy(in, copy);
            }
            copy.toFile().deleteOnExit();
            copy.getParent().toFile().deleteOnExit();
            return copy;
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException("cannot read test fixture " + relative, e);
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

    public static Tensor npy(String relative) throws Exception {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + relative)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + relative);
            }
            return NpyFormat.read(in, relative, relative);
        }
    }
}
