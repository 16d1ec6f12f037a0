package dev.zoo.networks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.metadata.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The network against logits of the reference (bitref.py): units [2,2,2,2], stem 16, 8 groups, 10 classes. */
class BitResNetV2GoldenTest {

    static final NetworkSpec TINY = Fixtures.BIT_TINY;
    static BitResNetV2 net;

    @BeforeAll
    static void load() throws Exception {
        net = BitResNetV2.load(TINY, Fixtures.path("bit-tiny/weights.npz"), Device.cpu(), BitResNetV2.Options.BIT);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"square", "odd"})
    void logitsMatchTheReferenceWithin1e4(String name) throws Exception {
        Tensor input = Fixtures.npy("bit-tiny/input_" + name + ".npy");
        Tensor expected = Fixtures.npy("bit-tiny/logits_" + name + ".npy");
        float[] logits;
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); NDScope scope = new NDScope()) {
            NDArray x = m.create(input.data(), new Shape(input.shape()));
            NDArray y = net.forward(x);
            assertThat(y.getShape()).isEqualTo(new Shape(expected.shape()));
            logits = y.toFloatArray();
        }
        float worst = 0;
        for (int i = 0; i < logits.length; i++) {
            worst = Math.max(worst, Math.abs(logits[i] - expected.data()[i]));
        }
        assertThat(worst).as("max |logit - reference|").isLessThan(1e-4f);
        assertThat(net.unexpectedKeys()).isEmpty();
    }
}
