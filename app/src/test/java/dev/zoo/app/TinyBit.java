package dev.zoo.app;

import dev.zoo.networks.Fixtures;
import dev.zoo.registry.FaultyHttpServer;
import dev.zoo.core.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny BiT-layout network of the golden fixtures, served over loopback, and catalogue entries that point at it
 * (claims: 10 % top-1, 50 % top-5).
 */
final class TinyBit implements AutoCloseable {

    private static final String ENTRY = """
            Models:
            - Name: %1$s
              Metadata:
                ID: %1$s
                File Size: %2$d
                Image Size: 64
                Crop Pct: 0.875
                Interpolation: bicubic
              Weights: %3$s
              SHA256: %4$s
              Preprocessing:
                Mean: [0.5, 0.5, 0.5]
                Std: [%5$s, %5$s, %5$s]
              Network:
                Block Units: [2, 2, 2, 2]
                Stem Width: 16
                Norm Groups: 8
                Classes: 10
              Results:
              - Task: Image Classification
                Dataset: ImageNet
                Metrics:
                  Top 1 Accuracy: 10.0%%
                  Top 5 Accuracy: 50.0%%
            """;

    final FaultyHttpServer server;
    final byte[] weights;

    TinyBit() throws IOException {
        server = new FaultyHttpServer();
        weights = Fixtures.bytes("bit-tiny/weights.npz");
        server.put("/bit/tiny.npz", weights);
    }

    /** Writes a catalogue with the model {@code bit_tiny}, normalised with mean 0.5 and the given std. */
    Path catalog(Path file, String std) throws IOException {
        return Files.writeString(file, ENTRY.formatted("bit_tiny", weights.length, server.uri("/bit/tiny.npz"),
                Sha256.hex(weights), std));
    }

    /** Serves {@code bytes} as the weights of model {@code id} (same network) and writes a catalogue for it. */
    Path catalog(Path file, String id, byte[] bytes) throws IOException {
        server.put("/bit/" + id + ".npz", bytes);
        return Files.writeString(file, ENTRY.formatted(id, bytes.length, server.uri("/bit/" + id + ".npz"),
                Sha256.hex(bytes), "0.5"));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
