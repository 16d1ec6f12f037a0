package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.metadata.arch.ArchitectureTable;
import dev.zoo.metadata.arch.UnsupportedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

    /** A BiT model of timm's table, as Zoo builds it. */
    static NetworkSpec bit(String name, int classes) throws UnsupportedConfig {
        return NetworkSpec.ofTimm(ArchitectureTable.get().find(name).orElseThrow().config(), classes);
    }

    @Test
    void bitR50x1HasTheExactParameterAndArrayCount() throws Exception {
        NetworkSpec spec = bit("resnetv2_50x1_bitm", 1000);
        assertThat(spec.blockUnits()).containsExactly(3, 4, 6, 3);
        assertThat(spec.parameterCount()).isEqualTo(25_549_352L);
        assertThat(spec.weightArrayCount()).isEqualTo(153);
        // the real BiT-M-R50x1-ILSVRC2012.npz is 102,242,668 bytes
        assertThat(Math.abs(spec.expectedNpzSize() - 102_242_668L) / 102_242_668.0).isLessThan(1e-4);
    }

    @Test
    void depthsAndWidthsComeFromTimmsTable() throws Exception {
        assertThat(bit("resnetv2_101x3_bitm", 1000).blockUnits()).containsExactly(3, 4, 23, 3);
        NetworkSpec r152x4 = bit("resnetv2_152x4_bitm", 1000);
        assertThat(r152x4.blockUnits()).containsExactly(3, 8, 36, 3);
        assertThat(r152x4.widthFactor()).isEqualTo(4);
        assertThat(r152x4.rootWidth()).isEqualTo(256);
        // the ImageNet-21k head comes from the weights' config, not from the name
        Model in21k = EvalRecipeTest.model("Name: resnetv2_50x1_bitm_in21k\n  Weights: "
                + "https://storage.googleapis.com/bit_models/BiT-M-R50x1.npz");
        assertThat(in21k.networkSpec().orElseThrow().classes()).isEqualTo(21843);
        assertThat(EvalRecipeTest.model("Name: resnet50\n  Weights: https://x.org/r.pth").networkSpec()).isEmpty();
        assertThat(ArchitectureTable.get().find("resnetv2_34x1")).isEmpty();
    }

    @Test
    void tinyFixtureNetworkMatchesTheReferenceCount() {
        // the golden bit-tiny fixture (its config.json): units [2,2,2,2], stem 16, 8 groups, 10 classes -> 882,394 params
        NetworkSpec tiny = new NetworkSpec("resnetv2", List.of(2, 2, 2, 2), 1, 16, 8, 10);
        assertThat(tiny.parameterCount()).isEqualTo(882_394L);
        assertThat(tiny.weightArrayCount()).isEqualTo(1 + 8 * 9 + 4 + 4);
    }
}
