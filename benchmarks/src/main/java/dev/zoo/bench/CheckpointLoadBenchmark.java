package dev.zoo.bench;

import ai.djl.Device;
import dev.zoo.metadata.ModelFormat;
import dev.zoo.metadata.arch.ArchitectureTable;
import dev.zoo.metadata.arch.ResNetArchitecture;
import dev.zoo.metadata.arch.TimmModel;
import dev.zoo.networks.Classifier;
import dev.zoo.networks.NetworkLoader;
import dev.zoo.networks.Precision;
import dev.zoo.networks.tensors.TensorSource;
import dev.zoo.networks.tensors.TorchCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long Zoo takes to read a PyTorch checkpoint (every floating-point tensor, as float32) and to build timm's ResNet from it, for
 * {@code bench/timm-resnet-bench.sh}; the reference is {@code torch.load} of the same file. Usage:
 * {@code CheckpointLoadBenchmark CHECKPOINT.pth [REPEATS=5] [MODEL=resnet50]}; prints the first and the median time.
 */
public final class CheckpointLoadBenchmark {

    private CheckpointLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String model = args.length > 2 ? args[2] : "resnet50";
        TimmModel timm = ArchitectureTable.get().find(model).orElseThrow();
        ResNetArchitecture arch = ResNetArchitecture.timm(timm.config(), Map.of(), 1000);
        double[] read = new double[repeats];
        double[] build = new double[repeats];
        long elements = 0;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long[] count = {0};
            try (TensorSource source = TorchCheckpoint.open(file)) {
                List<String> weights = new ArrayList<>();
                for (String name : source.names()) {
                    if (source.info(name).dtype().floating()) {   // not batch norm's int64 counters
                        weights.add(name);
                    }
                }
                source.readAll(weights, t -> count[0] += t.size());
            }
            read[r] = (System.nanoTime() - t0) / 1e6;
            elements = count[0];
            t0 = System.nanoTime();
            try (Classifier net = NetworkLoader.load(arch, model, file, ModelFormat.CHECKPOINT, Device.cpu(),
                    Precision.FP32)) {
                build[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "Zoo read: %d elements, first %.0f ms, median %.0f ms; "
                + "network built (read, checked, folded): first %.0f ms, median %.0f ms%n",
                elements, read[0], median(read), build[0], median(build));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
