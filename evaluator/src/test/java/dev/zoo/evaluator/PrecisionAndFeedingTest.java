package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.eval.BatchFeed;
import dev.zoo.evaluator.eval.BatchProbe;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.Classifier;
import dev.zoo.networks.Precision;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.core.ZooException;
import dev.zoo.results.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precision (fp16 beside fp32 on the CPU, and what each device allows), --batch auto, a batch that runs out of device
 * memory, and several replicas feeding predictions in image order.
 */
class PrecisionAndFeedingTest {

    @TempDir
    Path tmp;

    private static BitResNetV2 tiny(Precision precision) throws Exception {
        return BitResNetV2.load(Fixtures.BIT_TINY, Fixtures.path("bit-tiny/weights.npz"), Device.cpu(),
                BitResNetV2.Options.BIT, precision);
    }

    private static float[] logits(Classifier net, String input) throws Exception {
        Tensor x = Fixtures.npy("bit-tiny/input_" + input + ".npy");
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); NDScope scope = new NDScope()) {
            NDArray y = net.forward(m.create(x.data(), new Shape(x.shape())));
            assertThat(y.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            return y.toFloatArray();
        }
    }

    @Test
    void fp16StaysCloseToFp32AndItsLogitsAreFloat32() throws Exception {
        try (BitResNetV2 fp32 = tiny(Precision.FP32); BitResNetV2 half = tiny(Precision.FP16)) {
            for (String input : List.of("square", "odd")) {
                float[] a = logits(fp32, input);
                float[] b = logits(half, input);
                double worst = 0;
                double scale = 0;
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                    scale = Math.max(scale, Math.abs(a[i]));
                }
                // fp16 keeps 11 bits of mantissa: well under a percent of the logits' range
                assertThat(worst / scale).as("max |fp16 - fp32| / max |fp32| on %s", input).isLessThan(0.01)
                        .isGreaterThan(0);   // and it really ran in 16 bits
                for (int image = 0; image < a.length / 10; image++) {
                    assertThat(argmax(b, image)).as("top-1 of image %d", image).isEqualTo(argmax(a, image));
                }
            }
        }
    }

    private static int argmax(float[] logits, int image) {
        int best = 0;
        for (int k = 1; k < 10; k++) {
            if (logits[image * 10 + k] > logits[image * 10 + best]) {
                best = k;
            }
        }
        return best;
    }

    @Test
    void eachDeviceAllowsItsPrecisionsAndRecordsWhatTheEnvironmentMadeTrue() {
        assertThat(ComputeSetup.resolve("cpu", null, false, Map.of()).precision()).isEqualTo(Precision.FP32);
        ComputeSetup fp16 = ComputeSetup.resolve("cpu", Precision.FP16, true, Map.of());
        assertThat(fp16.precision()).isEqualTo(Precision.FP16);
        assertThat(fp16.tf32()).isNull();
        assertThat(fp16.cudnnBenchmark()).isNull();
        assertThatThrownBy(() -> ComputeSetup.resolve("cpu", Precision.TF32, false, Map.of()))
                .isInstanceOf(ZooException.class).hasMessageContaining("--precision tf32");
        assertThatThrownBy(() -> ComputeSetup.resolve("cpu", Precision.BF16, false, Map.of()))
                .hasMessageContaining("cannot make bfloat16 tensors");

        List<Device> gpus = List.of(Device.gpu(0), Device.gpu(1));
        ComputeSetup timm = ComputeSetup.forDevices(gpus, null, true, Map.of());
        assertThat(timm.precision()).isEqualTo(Precision.TF32);
        assertThat(timm.tf32()).isEqualTo("conv");
        assertThat(timm.cudnnBenchmark()).isTrue();
        assertThat(timm.gpu()).startsWith("gpu:0 ").contains("; gpu:1 ").contains("CUDA ");
        assertThat(ComputeSetup.forDevices(gpus, Precision.TF32, false,
                Map.of(ComputeSetup.TF32_MATMUL_VARIABLE, "1")).tf32()).isEqualTo("conv+matmul");
        assertThat(ComputeSetup.forDevices(gpus, Precision.FP32, false,
                Map.of(ComputeSetup.TF32_OFF_VARIABLE, "0")).tf32()).isEqualTo("off");
        assertThatThrownBy(() -> ComputeSetup.forDevices(gpus, Precision.FP32, false, Map.of()))
                .hasMessageContaining("NVIDIA_TF32_OVERRIDE=0");
        assertThatThrownBy(() -> ComputeSetup.forDevices(gpus, Precision.TF32, false,
                Map.of(ComputeSetup.TF32_OFF_VARIABLE, "0"))).hasMessageContaining("forbids TF32");
        assertThat(ComputeSetup.forDevices(gpus, Precision.FP16, false, Map.of()).tf32()).isEqualTo("conv");
    }

    @Test
    void theApiKnowsTheSamePrecisionsAsTheEvaluator() {
        assertThat(java.util.Arrays.stream(Precision.values()).map(Precision::label).toList())
                .isEqualTo(dev.zoo.results.Provenance.PRECISIONS);
    }

    /** The tiny network, failing as CUDA does when a batch holds more than {@code fits} images. */
    private static Classifier runningOutAbove(int fits, BitResNetV2 net) {
        return new Classifier() {
            @Override
            public Device device() {
                return net.device();
            }

            @Override
            public int classes() {
                return net.classes();
            }

            @Override
            public Precision precision() {
                return net.precision();
            }

            @Override
            public NDArray forward(NDArray x) {
                if (x.getShape().get(0) > fits) {
                    throw new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.11 GiB "
                            + "total capacity)");
                }
                return net.forward(x);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void autoBatchFindsTheLargestThatFitsAndABatchThatRunsOutIsComputedInHalves() throws Exception {
        try (BitResNetV2 net = tiny(Precision.FP32)) {
            assertThat(BatchProbe.largest(runningOutAbove(24, net), EvaluatorTest.RECIPE, 256)).isEqualTo(16);
            assertThat(BatchProbe.largest(runningOutAbove(1, net), EvaluatorTest.RECIPE, 8)).isEqualTo(1);

            Dataset data = Dataset.open(TinyImages.classFolders(tmp.resolve("data"), 10, 3), null, null);
            List<Prediction> whole = predict(List.of(net), data, 16);
            List<Prediction> split = new ArrayList<>();
            Evaluator.Outcome outcome = new Evaluator(List.of(runningOutAbove(5, net)), EvaluatorTest.RECIPE,
                    new Evaluator.Options(16, 2, false)).run(data.samples(), null, List.of(),
                    (batch, scored, skipped) -> split.addAll(batch), new Evaluator.Listener() { });
            assertThat(outcome.splitBatches()).isPositive();
            assertThat(split).hasSize(30);
            split.sort(Comparator.comparingInt(Prediction::ordinal));
            for (int i = 0; i < 30; i++) {
                assertThat(split.get(i).top()).as(whole.get(i).name()).isEqualTo(whole.get(i).top());
            }
            assertThat(outcome.rates().decode()).isPositive();
            assertThat(outcome.rates().device()).isPositive();
        }
    }

    @Test
    void severalReplicasGiveTheSamePredictionsInImageOrder() throws Exception {
        Dataset data = Dataset.open(TinyImages.classFolders(tmp.resolve("data"), 10, 4), null, null);
        try (BitResNetV2 a = tiny(Precision.FP32); BitResNetV2 b = tiny(Precision.FP32)) {
            List<Prediction> one = predict(List.of(a), data, 3);
            List<Prediction> two = predict(List.of(a, b), data, 3);
            assertThat(two).extracting(Prediction::ordinal).containsExactlyElementsOf(
                    one.stream().map(Prediction::ordinal).toList());
            for (int i = 0; i < one.size(); i++) {
                assertThat(two.get(i).top()).isEqualTo(one.get(i).top());
                assertThat(two.get(i).logits()).isEqualTo(one.get(i).logits());   // the same batches, bit for bit
            }
        }
    }

    @Test
    void bytesNormalisedByTheEngineAndFloatsNormalisedOnTheHostGiveTheSameLogits() throws Exception {
        Dataset data = Dataset.open(TinyImages.classFolders(tmp.resolve("data"), 10, 2), null, null);
        try (BitResNetV2 net = tiny(Precision.FP32)) {
            List<List<Prediction>> byFeed = new ArrayList<>();
            for (BatchFeed feed : List.of(new BatchFeed.Planes(EvaluatorTest.RECIPE),
                    new BatchFeed.HostFloats(EvaluatorTest.RECIPE))) {
                List<Prediction> out = Collections.synchronizedList(new ArrayList<>());
                new Evaluator(List.of(net), EvaluatorTest.RECIPE, new Evaluator.Options(4, 2, false), feed)
                        .run(data.samples(), null, List.of(), (b, scored, skipped) -> out.addAll(b),
                                new Evaluator.Listener() { });
                out.sort(Comparator.comparingInt(Prediction::ordinal));
                byFeed.add(out);
            }
            assertThat(byFeed.get(0)).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(byFeed.get(0).get(i).logits()).isEqualTo(byFeed.get(1).get(i).logits());
            }
        }
    }

    /** Predictions of a run, in image order whatever order the replicas finished in. */
    private static List<Prediction> predict(List<? extends Classifier> replicas, Dataset data, int batch)
            throws Exception {
        List<Prediction> out = Collections.synchronizedList(new ArrayList<>());
        new Evaluator(replicas, EvaluatorTest.RECIPE, new Evaluator.Options(batch, 2, false)).run(data.samples(),
                null, List.of(), (b, scored, skipped) -> out.addAll(b), new Evaluator.Listener() { });
        List<Prediction> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Prediction::ordinal));
        return sorted;
    }
}
