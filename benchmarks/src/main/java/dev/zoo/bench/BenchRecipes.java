package dev.zoo.bench;

import dev.zoo.evaluator.image.Interpolation;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.metadata.ResizeMode;

/**
 * The two recipes the benchmarks measure, as their Python references spell them: BiT's (resize the shorter side to
 * SIZE, bilinear, centre crop SIZE) and timm's usual one (256, bicubic, centre crop 224), both normalised by 0.5.
 */
final class BenchRecipes {

    private BenchRecipes() {
    }

    static Recipe bit(int size) {
        return new Recipe(size, 1.0, Interpolation.BILINEAR, ResizeMode.CROP, Recipe.HALF, Recipe.HALF);
    }

    static Recipe timm() {
        return new Recipe(224, 0.875, Interpolation.BICUBIC, ResizeMode.CROP, Recipe.HALF, Recipe.HALF);
    }

    /** {@code timm}, or a size for BiT's recipe: the benchmarks' RECIPE argument. */
    static Recipe named(String name) {
        return name.equals("timm") ? timm() : bit(Integer.parseInt(name));
    }
}
