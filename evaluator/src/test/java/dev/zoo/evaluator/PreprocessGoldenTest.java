package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Interpolation;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.image.RgbImage;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.metadata.ResizeMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding and every recipe against the pixels PIL + torchvision produced (test resources fixtures/preprocess): 100 % of
 * the uint8 values within +-1 and at least 99 % exactly equal, for every image and recipe.
 */
class PreprocessGoldenTest {

    static final Map<String, Recipe> RECIPES = Map.of(
            "timm-480-crop1.0", new Recipe(480, 1.0, Interpolation.BILINEAR, ResizeMode.CROP, Recipe.HALF, Recipe.HALF),
            "timm-224-crop0.875", new Recipe(224, 0.875, Interpolation.BILINEAR, ResizeMode.CROP, Recipe.HALF,
                    Recipe.HALF),
            "timm-224-crop0.875-bicubic", new Recipe(224, 0.875, Interpolation.BICUBIC, ResizeMode.CROP, Recipe.HALF,
                    Recipe.HALF),
            "bit-squash-480", new Recipe(480, 1.0, Interpolation.BILINEAR, ResizeMode.SQUASH, Recipe.HALF,
                    Recipe.HALF));

    static Stream<Arguments> cases() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(Fixtures.path("preprocess/manifest.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (Iterator<String> it = manifest.get("images").fieldNames(); it.hasNext(); ) {
            String image = it.next();
            out.add(Arguments.of(image, "decoded", image + ".decoded.npy"));
            manifest.get("images").get(image).get("expected").fields()
                    .forEachRemaining(e -> out.add(Arguments.of(image, e.getKey(), e.getValue().asText())));
        }
        assertThat(out).hasSize(9 * 5);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void pixelsMatchPilAndTorchvision(String image, String recipe, String expectedFile) throws Exception {
        RgbImage decoded = ImageDecoder.decode(Fixtures.path("preprocess/" + image));
        RgbImage actual = recipe.equals("decoded") ? decoded : RECIPES.get(recipe).resizeAndCrop(decoded);
        Tensor expected = Fixtures.npy("preprocess/" + expectedFile);
        assertThat(new long[]{actual.height(), actual.width(), 3}).isEqualTo(expected.shape());
        int exact = 0;
        int worst = 0;
        for (int i = 0; i < actual.rgb().length; i++) {
            int d = Math.abs((actual.rgb()[i] & 0xFF) - (int) expected.data()[i]);
            exact += d == 0 ? 1 : 0;
            worst = Math.max(worst, d);
        }
        assertThat(worst).as("largest difference").isLessThanOrEqualTo(1);
        assertThat(exact / (double) actual.rgb().length).as("share exactly equal").isGreaterThanOrEqualTo(0.99);

        if (!recipe.equals("decoded")) {
            // the fused path the evaluator uses gives the same floats as resize, crop, then normalise
            Recipe r = RECIPES.get(recipe);
            float[] fused = new float[3 * r.imageSize() * r.imageSize() + 5];
            float[] staged = new float[fused.length];
            r.toTensor(decoded, fused, 5);
            r.normalize(actual, staged, 5);
            assertThat(fused).isEqualTo(staged);
        }
    }

    /** The filters a catalogue may name are the ones the resampler has: one list, in the recipe's data. */
    @org.junit.jupiter.api.Test
    void theFiltersACardMayNameAreTheOnesZooRuns() {
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(Interpolation.values())
                .map(Interpolation::label)).containsExactlyInAnyOrderElementsOf(dev.zoo.metadata.EvalRecipe.FILTERS);
    }
}
