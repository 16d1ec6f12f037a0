package dev.zoo.registry;

import dev.zoo.core.ZooHome;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZooHomeTest {

    /** Free-text model-index IDs become one safe path element, and come back from it. */
    @ParameterizedTest
    @ValueSource(strings = {"resnetv2_50x1_bitm", "Inception v3 - 90 epochs", "a/b", "..", ".hidden",
            "vit-base-p16_mae-300e-pre_8xb128-coslr-100e_in1k", "ResNet-50 (torchvision)", "50% off", "Übernet 🦒",
            "x\\y:z*?\"<>|"})
    void modelIdsAsFolderNames(String id) {
        String name = ZooHome.folderName(id);
        assertThat(name).doesNotContain("/", "\\", " ", ":", "*", "?").isNotEqualTo("..").doesNotStartWith(".");
        Path home = Path.of("/zoo-home");
        assertThat(new ZooHome(home).modelWeights(id).getParent()).isEqualTo(home.resolve("weights"));
        assertThat(ZooHome.modelIdOf(name)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnetv2_50x1_bitm", "tf_efficientnet_b0.ns_jft_in1k", "mobilenetv3_small_100"})
    void ordinaryIdsAreTheirOwnFolderName(String id) {
        assertThat(ZooHome.folderName(id)).isEqualTo(id);
    }
}
