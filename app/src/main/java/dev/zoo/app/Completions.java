package dev.zoo.app;

import dev.zoo.networks.Precision;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * What shell completion offers for option values and model IDs: the words a user types (lower case, as the options
 * accept them), never enum constants, and never a value that is always refused.
 */
final class Completions {

    private Completions() {
    }

    /** {@code --precision}: bf16 is parsed only to say why it is refused (ComputeSetup), so it is not offered. */
    static final class Precisions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Precision.values()).filter(p -> p != Precision.BF16).map(Precision::label)
                    .iterator();
        }
    }

    /** {@code --device}: the CPU, every GPU, or some of them by index. */
    static final class Devices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("cpu", "gpu", "gpu:0", "gpu:1", "gpu:0,1").iterator();
        }
    }

    /** {@code --on}. */
    static final class Clusters implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(EvalCommand.Cluster.values()).map(EvalCommand.Cluster::label).iterator();
        }
    }

    /** {@code zoo export --format}. */
    static final class ExportFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ExportCommand.Format.values()).map(ExportCommand.Format::label).iterator();
        }
    }

    /**
     * The catalogue's model IDs, for the MODEL arguments. Empty except while {@code zoo completion} writes its script
     * (picocli builds every command's candidates at start-up; loading the catalogue then would slow every command).
     */
    static final class ModelIds implements Iterable<String> {
        private static volatile List<String> ids = List.of();

        static void offer(List<String> modelIds) {
            ids = List.copyOf(modelIds);
        }

        @Override
        public Iterator<String> iterator() {
            return ids.iterator();
        }
    }
}
