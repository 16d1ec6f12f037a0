package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiplyAddsTest {

    @Test
    void aTinyNetworkCountedByHand() {
        // stem 2 channels, one stage of one unit (mid 2, out 8), 3 classes, 8 x 8 input
        NetworkSpec n = new NetworkSpec(NetworkSpec.RESNETV2, List.of(1), 1, 2, 1, 3);
        long stem = 4 * 4 * 7 * 7 * 3 * 2;                  // 4 x 4 outputs after stride 2
        long unit = 2 * 2 * (2 * 2 + 9 * 2 * 2 + 2 * 8 + 2 * 8);   // 2 x 2 after the pool: a, b, c, projection
        assertThat(n.multiplyAdds(8)).isEqualTo(stem + unit + 8 * 3);
    }

    @Test
    void bitModelsAgreeWithPublishedCounts() throws Exception {
        // ResNet-50's well-known 4.1 GMACs at 224; timm's table gives 844.8 GMACs for R152x4 at 480
        assertThat(NetworkSpecTest.bit("resnetv2_50x1_bitm", 1000).multiplyAdds(224) / 1e9)
                .isCloseTo(4.1, within(0.05));
        assertThat(NetworkSpecTest.bit("resnetv2_152x4_bitm", 1000).multiplyAdds(480) / 1e9)
                .isCloseTo(844.8, within(844.8 * 0.01));
    }
}
