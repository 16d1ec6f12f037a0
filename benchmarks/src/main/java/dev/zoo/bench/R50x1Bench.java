package dev.zoo.bench;

import dev.zoo.evaluator.image.Recipe;
import dev.zoo.metadata.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the benchmarks on R50x1-layout weights share: their arguments ({@code DIR WEIGHTS.npz [N] [SIZE] [BATCH]}),
 * the first N sample JPEGs of DIR in name order, BiT's recipe at SIZE and the network.
 */
record R50x1Bench(Path images, Path weights, int n, int size, int batch) {

    /** ResNetV2-50x1 with BiT's stem and groups and ImageNet-1k's head: the layout of the reference's weights. */
    static final NetworkSpec NETWORK = new NetworkSpec("resnetv2", List.of(3, 4, 6, 3), 1, 64, 32, 1000);

    static R50x1Bench of(String[] args, int defaultN, int defaultBatch) {
        return new R50x1Bench(Path.of(args[0]), Path.of(args[1]), optional(args, 2, defaultN),
                optional(args, 3, 480), optional(args, 4, defaultBatch));
    }

    private static int optional(String[] args, int index, int absent) {
        return args.length > index ? Integer.parseInt(args[index]) : absent;
    }

    Recipe recipe() {
        return BenchRecipes.bit(size);
    }

    List<Path> jpegs() throws IOException {
        try (Stream<Path> s = Files.list(images)) {
            return s.filter(p -> p.toString().endsWith(".JPEG")).sorted().limit(n).toList();
        }
    }
}
