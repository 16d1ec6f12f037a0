package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where each part of a model's evaluation recipe comes from: the catalogue, else timm's config for the card's weights
 * file, else its family's declared defaults.
 */
class EvalRecipeTest {

    static Model model(String yaml) {
        Catalog c = new CatalogLoader().load(new CatalogSource.Text("recipe.yml", "Models:\n- " + yaml));
        assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
        return c.models().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what the entry says                                          | the recipe it implies
            BiT ID and file, catalogue size: timm's 0.5                    | 'Name: resnetv2_50x1_bitm\\n  Metadata: {Image Size: 480, Crop Pct: 1.0}\\n  Weights: https://storage.googleapis.com/bit_models/BiT-M-R50x1-ILSVRC2012.npz' | crop 480 (resize 480, crop_pct 1, bilinear), mean [0.5, 0.5, 0.5], std [0.5, 0.5, 0.5]
            timm's config for the card's file where the card is silent     | 'Name: resnet50\\n  Weights: https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/resnet50_ram-a26f946b.pth' | crop 224 (resize 256, crop_pct 0.875, bicubic), mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]
            another file under a timm name: no facts of timm's, defaults   | 'Name: resnet101d\\n  Weights: https://example.org/my-finetune.pth' | crop 224 (resize 256, crop_pct 0.875, bilinear), mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]
            timm's 256 px crop 1.0 for resnet101d's own file               | 'Name: resnet101d\\n  Weights: https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/resnet101d_ra2-2803ffab.pth' | crop 256 (resize 256, crop_pct 1, bicubic), mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]
            an ID with _bit but no resnetv2 family: ImageNet's, not 0.5   | 'Name: convnext_bit_like'                                                   | crop 224 (resize 256, crop_pct 0.875, bilinear), mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]
            a declared resnetv2 Network under any name: the family's 0.5  | 'Name: my_net\\n  Network: {Block Units: [1, 1, 1, 1], Classes: 10}'        | crop 224 (resize 256, crop_pct 0.875, bilinear), mean [0.5, 0.5, 0.5], std [0.5, 0.5, 0.5]
            the catalogue's mean and std win                               | 'Name: resnetv2_50x1_bitm\\n  Preprocessing: {Mean: [0.1, 0.2, 0.3], Std: [1, 1, 1]}' | crop 224 (resize 256, crop_pct 0.875, bilinear), mean [0.1, 0.2, 0.3], std [1, 1, 1]
            squash and bicubic                                             | 'Name: x\\n  Metadata: {Interpolation: Bicubic}\\n  Preprocessing: {Resize Mode: squash}' | squash 224 (resize 256, crop_pct 0.875, bicubic), mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]
            """)
    void recipesComeFromTheCatalogueOrTheFamilyTable(String what, String yaml, String expected) {
        assertThat(EvalRecipe.of(model(yaml.replace("\\n", "\n"))).describe()).as(what).isEqualTo(expected);
    }

    @Test
    void sourcesAreNamedAndBadValuesRefused() {
        assertThat(EvalRecipe.of(model("Name: resnetv2_50x1_bitm\n  Weights: "
                + "https://storage.googleapis.com/bit_models/BiT-M-R50x1-ILSVRC2012.npz")).meanSource())
                .isEqualTo("timm's config for these weights (timm 0.4.3)");
        Model mine = model("Name: my_bit\n  Weights: https://x.org/w.npz\n  Network: {Block Units: [1, 1, 1, 1]}");
        assertThat(EvalRecipe.of(mine).meanSource()).contains("resnetv2");
        assertThat(EvalRecipe.sources(model("Name: resnet50\n  Metadata: {Image Size: 288}\n  Weights: "
                + "https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/"
                + "resnet50_ram-a26f946b.pth"))).isEqualTo(new EvalRecipe.Sources(EvalRecipe.Source.CARD,
                EvalRecipe.Source.TIMM, EvalRecipe.Source.TIMM, EvalRecipe.Source.DEFAULT, EvalRecipe.Source.TIMM));
        assertThat(EvalRecipe.of(model("Name: x")).meanSource()).contains("timm's default");
        assertThat(FamilyDefaults.of("ResNetV2")).isPresent();
        assertThat(FamilyDefaults.of("vit")).isEmpty();
        assertThatThrownBy(() -> new EvalRecipe(224, 0.9, "bilinear", ResizeMode.CROP, List.of(0.5, 0.5),
                List.of(0.5, 0.5, 0.5), "x")).hasMessageContaining("3 values");
        assertThatThrownBy(() -> new EvalRecipe(224, 0.9, "bilinear", ResizeMode.CROP, List.of(0.5, 0.5, 0.5),
                List.of(0.5, 0.0, 0.5), "x")).hasMessageContaining("std must be positive");
    }
}
