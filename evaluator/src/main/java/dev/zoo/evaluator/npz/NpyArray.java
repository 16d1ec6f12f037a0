package dev.zoo.evaluator.npz;

import java.util.Arrays;

/** One float32 array from a {@code .npy}/{@code .npz} file, in C (row-major) order. */
public record NpyArray(String name, long[] shape, float[] data) {

    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    public String shapeText() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
