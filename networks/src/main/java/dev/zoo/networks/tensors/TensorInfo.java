package dev.zoo.networks.tensors;

import java.util.Arrays;

/** What a weights file says of one tensor before its data is read: its name, element type and shape. */
public record TensorInfo(String name, Dtype dtype, long[] shape) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public String shapeText() {
        return shapeText(shape);
    }

    /** "(64, 3, 7, 7)". */
    public static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(")").toString();
    }

    /** The number of elements of a shape (an overflow throws). */
    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype.label() + " " + shapeText();
    }
}
