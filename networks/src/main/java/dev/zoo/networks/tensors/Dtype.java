package dev.zoo.networks.tensors;

import java.nio.ByteBuffer;

/**
 * The element types a weights file may hold, with their size and how a value reads as float32. Floating types convert
 * exactly (float16 and bfloat16 widen; float64 rounds to nearest, as PyTorch's {@code load_state_dict} copies it into
 * a float32 parameter); integer and boolean tensors (batch norm's {@code num_batches_tracked}) are listed, never
 * read as weights.
 */
public enum Dtype {
    FLOAT32("float32", 4, true),
    FLOAT16("float16", 2, true),
    BFLOAT16("bfloat16", 2, true),
    FLOAT64("float64", 8, true),
    INT64("int64", 8, false),
    INT32("int32", 4, false),
    INT16("int16", 2, false),
    INT8("int8", 1, false),
    UINT8("uint8", 1, false),
    BOOL("bool", 1, false);

    private final String label;
    private final int size;
    private final boolean floating;

    Dtype(String label, int size, boolean floating) {
        this.label = label;
        this.size = size;
        this.floating = floating;
    }

    public String label() {
        return label;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** True for the types weights are held in. */
    public boolean floating() {
        return floating;
    }

    /** The element at byte {@code at} of {@code b} (whose order is the file's), as float32. */
    float read(ByteBuffer b, int at) {
        return switch (this) {
            case FLOAT32 -> b.getFloat(at);
            case FLOAT16 -> halfToFloat(b.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xFFFF) << 16);
            case FLOAT64 -> (float) b.getDouble(at);
            default -> throw new IllegalStateException(label + " is not a weights type");
        };
    }

    /** IEEE 754 binary16 to binary32, exactly (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mantissa * 0x1p-24f;   // subnormal: mantissa x 2^-24, exact in float32
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
