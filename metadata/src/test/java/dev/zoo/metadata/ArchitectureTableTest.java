package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.metadata.arch.Architecture;
import dev.zoo.metadata.arch.ArchitectureTable;
import dev.zoo.metadata.arch.ResNetArchitecture;
import dev.zoo.metadata.arch.TimmModel;
import dev.zoo.metadata.arch.UnsupportedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * timm's models as Zoo's table holds them, against what timm itself counted when the table was made: every network of
 * a class Zoo builds is laid out with exactly PyTorch's parameter count (widths, groups, attention reductions, stems,
 * projections, pruned widths), and whatever a class has that Zoo does not build is refused by name.
 */
class ArchitectureTableTest {

    private static final ArchitectureTable TABLE = ArchitectureTable.get();

    private static Architecture build(TimmModel t) throws UnsupportedConfig {
        int classes = t.weights().values().stream().filter(w -> w.classes() != null).map(w -> w.classes())
                .findFirst().orElse(1000);
        return switch (t.className()) {
            case "ResNet" -> ResNetArchitecture.timm(t.config(), t.pruned(), classes);
            case "SENet" -> ResNetArchitecture.legacySenet(t.config(), classes);
            default -> NetworkSpec.ofTimm(t.config(), classes);
        };
    }

    @Test
    void everyNetworkOfTheCardsVersionThatZooBuildsHasTimmsExactParameterCount() {
        Map<String, String> wrong = new TreeMap<>();
        Map<String, String> refused = new TreeMap<>();
        int checked = 0;
        for (String name : TABLE.names()) {
            TimmModel t = TABLE.find(name).orElseThrow();
            if (t.className() == null || !ModelArchitecture.BUILT.contains(t.className()) || t.parameters() == null) {
                continue;
            }
            try {
                long zoo = build(t).parameterCount();
                if (zoo != t.parameters()) {
                    wrong.put(name, zoo + " vs timm's " + t.parameters());
                }
                checked++;
            } catch (UnsupportedConfig e) {
                refused.put(name + " (" + t.source() + ")", e.getMessage());
            }
        }
        assertThat(wrong).as("parameter counts that differ from timm's").isEmpty();
        // the cards' version: every ResNet, SENet and BiT network is built (blur-pooled ones included) but the ResNets
        // whose blocks are another family's (Res2Net, ResNeSt, selective kernels), each refused naming what it has
        refused.forEach((name, why) -> {
            if (name.endsWith("(timm-cards)")) {
                assertThat(why).as(name).containsAnyOf("timm's ResNet with block=Bottle2neck",
                        "timm's ResNet with block=ResNestBottleneck", "timm's ResNet with block=SelectiveKernel");
            }
        });
        assertThat(refused).containsKeys("res2net50_26w_4s (timm-cards)", "resnest50d (timm-cards)",
                "skresnet18 (timm-cards)").doesNotContainKeys("resnetblur50 (timm-cards)");
        assertThat(checked).as("networks laid out").isGreaterThanOrEqualTo(120);
    }

    @Test
    void aNameFindsItsModelItsFileAndItsFacts() {
        TimmModel r50 = TABLE.find("resnet50").orElseThrow();
        assertThat(r50.className()).isEqualTo("ResNet");
        assertThat(r50.code()).isEqualTo("timm/models/resnet.py");
        assertThat(r50.source()).isEqualTo("timm-cards");
        String url = "https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/"
                + "resnet50_ram-a26f946b.pth";
        var facts = r50.weightsFor(url).orElseThrow();
        assertThat(facts.interpolation()).isEqualTo("bicubic");
        assertThat(facts.imageSize()).isEqualTo(224);
        assertThat(facts.mean()).containsExactly(0.485, 0.456, 0.406);
        assertThat(r50.weightsFor("https://x.org/resnet50.pth")).isEmpty();
        // a weights file belongs to the model timm gives it to: B3's under B2a's name is B3's
        List<String> owners = new ArrayList<>();
        TABLE.ownersOf("https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/"
                + "efficientnet_b3_ra2-cf984f9c.pth").forEach(t -> owners.add(t.name()));
        assertThat(owners).contains("efficientnet_b3").doesNotContain("efficientnet_b2a");
        // today's names the cards do not have, tags included
        assertThat(TABLE.find("resnet50.a1_in1k")).map(TimmModel::source).contains("timm");
        assertThat(TABLE.find("no_such_model")).isEmpty();
    }

    @Test
    void aCardSaysWhatZooCannotBuildBeforeAnyDownload() {
        Model densenet = EvalRecipeTest.model("Name: densenet121\n  Weights: https://github.com/rwightman/"
                + "pytorch-image-models/releases/download/v0.1-weights/densenet121_ra-50efcf5c.pth");
        assertThat(densenet.notEvaluable()).hasValueSatisfying(r -> assertThat(r).startsWith("timm architecture "
                + "DenseNet (timm/models/densenet.py) is not implemented; Zoo builds ResNet, SENet and ResNetV2"));
        Model b2a = EvalRecipeTest.model("Name: efficientnet_b2a\n  Weights: https://github.com/rwightman/"
                + "pytorch-image-models/releases/download/v0.1-weights/efficientnet_b3_ra2-cf984f9c.pth");
        assertThat(b2a.notEvaluable()).hasValueSatisfying(r -> assertThat(r).contains("is timm's weights of "
                + "efficientnet_b3", "not of efficientnet_b2a"));
        Model stranger = EvalRecipeTest.model("Name: my_model\n  Weights: https://x.org/my_model.pth");
        assertThat(stranger.notEvaluable()).hasValueSatisfying(r -> assertThat(r).contains("no timm model name"));
        Model r50 = EvalRecipeTest.model("Name: resnet50\n  Weights: https://x.org/resnet50-finetuned.pth");
        assertThat(r50.notEvaluable()).isEmpty();
        assertThat(r50.architecture()).hasValueSatisfying(a -> {
            assertThat(a.family()).isEqualTo("resnet");
            assertThat(a.parameterCount()).isEqualTo(25_557_032L);
            assertThat(a.multiplyAdds(224) / 1e9).isBetween(4.0, 4.2);
        });
    }
}
