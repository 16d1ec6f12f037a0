package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.eval.TopK;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Interpolation;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.networks.exported.ExportedClassifier;
import dev.zoo.networks.FormatDetector;
import dev.zoo.networks.Precision;
import dev.zoo.networks.Runtimes;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.metadata.ModelFormat;
import dev.zoo.metadata.ResizeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TorchScript (scripted and traced) and ONNX exports of one small classifier ({@code tools/make_test_models.py})
 * against the logits PyTorch gave on the fixture images preprocessed by PIL + torchvision: within 1e-4 (TorchScript)
 * and 1e-3 (ONNX Runtime), the same top-5; formats told by content; damaged files refused by name.
 */
class ExportedModelsTest {

    static final Recipe RECIPE = new Recipe(96, 0.875, Interpolation.BILINEAR, ResizeMode.CROP,
            Recipe.IMAGENET_MEAN, Recipe.IMAGENET_STD);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mnv3s-scripted.pt, TORCHSCRIPT, 1e-4", "mnv3s-traced.pt, TORCHSCRIPT, 1e-4",
            "mnv3s.onnx, ONNX, 1e-3"})
    void exportsMatchPyTorchOnTheFixtures(String file, ModelFormat format, double tolerance) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(Fixtures.bytes("models/manifest.json"));
        List<String> images = new ArrayList<>();
        manifest.get("images").forEach(n -> images.add(n.asText()));
        Tensor expected = Fixtures.npy("models/reference-logits.npy");
        Path model = Fixtures.path("models/" + file);
        assertThat(FormatDetector.detect(model)).contains(format);

        float[] input = new float[images.size() * RECIPE.planeBytes()];
        for (int i = 0; i < images.size(); i++) {
            RECIPE.toTensor(ImageDecoder.decode(Fixtures.path("preprocess/" + images.get(i))), input,
                    i * RECIPE.planeBytes());
        }
        float[] logits;
        try (ExportedClassifier net = ExportedClassifier.load(format, model, Device.cpu(), 96, Precision.FP32);
             NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch"); NDScope scope = new NDScope()) {
            assertThat(net.classes()).isEqualTo(10);
            logits = net.forward(m.create(input, new Shape(images.size(), 3, 96, 96))).toFloatArray();
        }
        double worst = 0;
        for (int i = 0; i < logits.length; i++) {
            worst = Math.max(worst, Math.abs(logits[i] - expected.data()[i]));
        }
        assertThat(worst).as("max |logit - PyTorch| for %s", file).isLessThan(tolerance);
        for (int i = 0; i < images.size(); i++) {
            assertThat(TopK.indices(logits, i * 10, 10, 5)).as(images.get(i))
                    .isEqualTo(TopK.indices(expected.data(), i * 10, 10, 5));
        }
    }

    @Test
    void formatsAreToldByContentNotByName() throws Exception {
        Path npz = Files.copy(Fixtures.path("bit-tiny/weights.npz"), tmp.resolve("looks-like.onnx"));
        assertThat(FormatDetector.detect(npz)).contains(ModelFormat.NPZ);
        Path ts = Files.copy(Fixtures.path("models/mnv3s-traced.pt"), tmp.resolve("weights.npz"));
        assertThat(FormatDetector.detect(ts)).contains(ModelFormat.TORCHSCRIPT);
        Path onnx = Files.copy(Fixtures.path("models/mnv3s.onnx"), tmp.resolve("model.pt"));
        assertThat(FormatDetector.detect(onnx)).contains(ModelFormat.ONNX);
        assertThat(FormatDetector.detect(Files.writeString(tmp.resolve("notes.onnx"), "hello"))).isEmpty();
        // a .npz whose end the zip library cannot find is still a .npz: its loader then names the damage
        byte[] cut = Files.readAllBytes(Fixtures.path("bit-tiny/weights.npz"));
        Path damaged = Files.write(tmp.resolve("damaged.bin"), Arrays.copyOf(cut, cut.length - 30));
        assertThat(FormatDetector.detect(damaged)).contains(ModelFormat.NPZ);
    }

    /** Checkpoints (zip and legacy) and safetensors are told from their content, whatever the file is called. */
    @Test
    void checkpointsAndSafetensorsAreToldByContent() throws Exception {
        Path zipped = tmp.resolve("resnet50.pt");     // torch.save's zip: archive/data.pkl, archive/data/0, no code/
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipped))) {
            for (String name : new String[] {"archive/data.pkl", "archive/data/0", "archive/version"}) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(new byte[] {(byte) 0x80, 2, 'x'});
                zip.closeEntry();
            }
        }
        assertThat(FormatDetector.detect(zipped)).contains(ModelFormat.CHECKPOINT);
        Path legacy = Files.write(tmp.resolve("legacy.onnx"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c});
        assertThat(FormatDetector.detect(legacy)).contains(ModelFormat.CHECKPOINT);
        byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer st = java.nio.ByteBuffer.allocate(8 + header.length + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).putFloat(1f);
        Path safetensors = Files.write(tmp.resolve("model.bin"), st.array());
        assertThat(FormatDetector.detect(safetensors)).contains(ModelFormat.SAFETENSORS);
        assertThat(FormatDetector.detect(Fixtures.path("checkpoints/plain-legacy.pth"))).contains(
                ModelFormat.CHECKPOINT);
        assertThat(FormatDetector.detect(Fixtures.path("checkpoints/tiny.safetensors"))).contains(
                ModelFormat.SAFETENSORS);
    }

    @Test
    void damagedExportsAreRefusedByName() throws Exception {
        byte[] ts = Fixtures.bytes("models/mnv3s-scripted.pt");
        Path cut = Files.write(tmp.resolve("cut.pt"), Arrays.copyOf(ts, ts.length / 2));
        assertThatThrownBy(() -> ExportedClassifier.load(ModelFormat.TORCHSCRIPT, cut, Device.cpu(), 96,
                Precision.FP32))
                .isInstanceOf(ExportedClassifier.LoadException.class)
                .hasMessageStartingWith(cut + ": not a TorchScript model PyTorch can load");
        byte[] onnx = Fixtures.bytes("models/mnv3s.onnx");
        Path cutOnnx = Files.write(tmp.resolve("cut.onnx"), Arrays.copyOf(onnx, onnx.length / 2));
        assertThatThrownBy(() -> ExportedClassifier.load(ModelFormat.ONNX, cutOnnx, Device.cpu(), 96,
                Precision.FP32))
                .isInstanceOf(ExportedClassifier.LoadException.class)
                .hasMessageStartingWith(cutOnnx + ": not an ONNX model OnnxRuntime can load");
    }

    /**
     * ONNX Runtime's CPU build cannot use a GPU, and DJL would quietly run the session on the CPU: refused before
     * anything is loaded, with the build that can. The runs say which runtime ran the network.
     */
    @Test
    void onnxOnAGpuNeedsTheGpuBuildAndRunsNameTheirRuntime() {
        assertThat(Runtimes.unavailable(ModelFormat.ONNX, Device.cpu())).isNull();
        assertThat(Runtimes.unavailable(ModelFormat.TORCHSCRIPT, Device.gpu())).isNull();
        assertThat(Runtimes.unavailable(ModelFormat.ONNX, Device.gpu())).contains("ONNX Runtime's CPU build")
                .contains("-Donnxruntime.artifact=onnxruntime_gpu").contains("--device cpu");
        Path model = Fixtures.path("models/mnv3s.onnx");
        assertThatThrownBy(() -> ExportedClassifier.load(ModelFormat.ONNX, model, Device.gpu(), 96, Precision.TF32))
                .isInstanceOf(ExportedClassifier.LoadException.class).hasMessageStartingWith(model + ": this Zoo has");
        assertThat(Runtimes.describe(ModelFormat.ONNX)).startsWith("ONNX on OnnxRuntime 1.21");
        assertThat(Runtimes.describe(ModelFormat.TORCHSCRIPT)).startsWith("TorchScript on PyTorch 2.7");
        assertThat(Runtimes.describe(ModelFormat.NPZ)).startsWith("BiT ResNetV2 (.npz) on PyTorch 2.7");
    }
}
