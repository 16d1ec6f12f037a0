package dev.zoo.networks.tensors;

import java.util.Arrays;

/** One tensor of a weights file as float32, in C (row-major) order, whatever the file stored. */
public record Tensor(String name, long[] shape, float[] data) {

    public long size() {
        return TensorInfo.elements(shape);
    }

    public String shapeText() {
        return TensorInfo.shapeText(shape);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape);
    }
}
