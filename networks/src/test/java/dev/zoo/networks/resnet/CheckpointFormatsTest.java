package dev.zoo.networks.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.zoo.metadata.ModelFormat;
import dev.zoo.metadata.arch.ArchitectureTable;
import dev.zoo.metadata.arch.ResNetArchitecture;
import dev.zoo.metadata.arch.TimmModel;
import dev.zoo.networks.Classifier;
import dev.zoo.networks.FormatDetector;
import dev.zoo.networks.NetworkLoader;
import dev.zoo.networks.Precision;
import dev.zoo.networks.TorchSave;
import dev.zoo.networks.WeightsMismatchException;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.networks.tensors.WeightsFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One full-size network (timm's resnet18, weights made by the fixtures' rule) from each file format a checkpoint comes
 * in: torch.save's zip and legacy formats, wrapped in training state with 'module.' prefixes, and safetensors, all to
 * the same logits; and the ways a file can fail to fit it (a tensor missing, one too many, a wrong shape, NaN, another
 * format), each refused naming the tensor.
 */
class CheckpointFormatsTest {

    @TempDir
    static Path tmp;

    static ResNetArchitecture arch;
    static List<Tensor> tensors;

    @BeforeAll
    static void layout() throws Exception {
        TimmModel r18 = ArchitectureTable.get().find("resnet18").orElseThrow();
        arch = ResNetArchitecture.timm(r18.config(), r18.pruned(), 1000);
        tensors = TorchSave.ruled(arch.layout().tensors());
    }

    private static float[] logits(Path file) throws Exception {
        ModelFormat format = FormatDetector.detect(file).orElseThrow();
        float[] input = new float[2 * 3 * 64 * 64];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i * 0.37);
        }
        try (Classifier net = NetworkLoader.load(arch, "resnet18", file, format, Device.cpu(), Precision.FP32);
             NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch"); NDScope scope = new NDScope()) {
            return net.forward(m.create(input, new Shape(2, 3, 64, 64))).toFloatArray();
        }
    }

    @Test
    void everyFormatBuildsTheSameNetwork() throws Exception {
        Path zip = tmp.resolve("r18-zip.pth");
        TorchSave.zip(zip, tensors, false);
        Path legacy = tmp.resolve("r18-legacy.pth");
        TorchSave.legacy(legacy, tensors, false);
        Path wrapped = tmp.resolve("r18-wrapped.pth");
        TorchSave.zip(wrapped, tensors, true);
        Path wrappedLegacy = tmp.resolve("r18-wrapped-legacy.pth");
        TorchSave.legacy(wrappedLegacy, tensors, true);
        Path st = tmp.resolve("r18.safetensors");
        TorchSave.safetensors(st, tensors);
        float[] reference = logits(zip);
        assertThat(reference).hasSize(2000);
        for (float v : reference) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        for (Path other : List.of(legacy, wrapped, wrappedLegacy, st)) {
            assertThat(logits(other)).as(other.getFileName().toString()).containsExactly(reference);
        }
    }

    @Test
    void aFileThatDoesNotFitIsRefusedNamingTheTensor() throws Exception {
        List<Tensor> missing = new ArrayList<>(tensors);
        missing.removeIf(t -> t.name().equals("layer2.0.downsample.1.running_var"));
        Path m = tmp.resolve("missing.pth");
        TorchSave.zip(m, missing, false);
        assertThatThrownBy(() -> logits(m)).isInstanceOf(WeightsMismatchException.class)
                .hasMessageContaining(m.toString()).hasMessageContaining("does not fit resnet18")
                .hasMessageContaining("missing tensors: 'layer2.0.downsample.1.running_var' (128)");

        List<Tensor> extra = new ArrayList<>(tensors);
        extra.add(new Tensor("head.extra", new long[]{3}, new float[3]));
        Path e = tmp.resolve("extra.pth");
        TorchSave.zip(e, extra, false);
        assertThatThrownBy(() -> logits(e)).hasMessageContaining("unexpected tensors: 'head.extra'");

        List<Tensor> wrong = new ArrayList<>(tensors);
        wrong.replaceAll(t -> t.name().equals("fc.weight") ? new Tensor("fc.weight", new long[]{10, 512},
                new float[5120]) : t.name().equals("fc.bias") ? new Tensor("fc.bias", new long[]{10}, new float[10])
                : t);
        Path w = tmp.resolve("wrong.pth");
        TorchSave.zip(w, wrong, false);
        assertThatThrownBy(() -> logits(w)).hasMessageContaining("wrong shapes: 'fc.weight' is (10, 512), "
                + "expected (1000, 512), 'fc.bias' is (10), expected (1000)");

        List<Tensor> nan = new ArrayList<>(tensors);
        nan.replaceAll(t -> {
            if (!t.name().equals("layer3.1.bn2.running_mean")) {
                return t;
            }
            float[] d = t.data().clone();
            d[7] = Float.NaN;
            return new Tensor(t.name(), t.shape(), d);
        });
        Path n = tmp.resolve("nan.pth");
        TorchSave.legacy(n, nan, false);
        assertThatThrownBy(() -> logits(n)).isInstanceOf(WeightsFileException.class)
                .hasMessageContaining(n + " [layer3.1.bn2.running_mean]: holds a non-finite value (NaN at element 7");

        assertThatThrownBy(() -> NetworkLoader.load(arch, "resnet18", n, ModelFormat.NPZ, Device.cpu(),
                Precision.FP32)).isInstanceOf(WeightsMismatchException.class)
                .hasMessageContaining("is a BiT ResNetV2 (.npz) file, and resnet18 is built from a PyTorch checkpoint "
                        + "or a safetensors");
    }
}
