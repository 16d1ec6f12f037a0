package dev.zoo.networks.tensors;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A checked {@code .npy} header: what the array holds and how many bytes it takes, known before any data is read.
 *
 * @param headerBytes  magic, version, length and header text: where the data starts
 * @param elementCount the product of the shape, checked to fit one Java array
 */
public record NpyHeader(Dtype dtype, boolean fortranOrder, long[] shape, int headerBytes, int elementCount) {

    /** A numpy {@code descr} Zoo reads: its text ({@code <f4}), byte order and bytes per value. */
    public record Dtype(String descr, ByteOrder order, int itemSize) {
    }

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Header plus data: the size of a {@code .npy} holding exactly this array. */
    public long fileBytes() {
        return headerBytes + (long) elementCount * dtype.itemSize();
    }

    public String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(long[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && dtype.equals(h.dtype) && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape) && headerBytes == h.headerBytes && elementCount == h.elementCount;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + dtype.hashCode();
    }

    @Override
    public String toString() {
        return dtype.descr() + " " + shapeText();
    }
}
