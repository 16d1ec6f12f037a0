package dev.zoo.networks.tensors;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Reads numpy's {@code .npy} format (versions 1 to 3): float32 and float64 in either byte order (float64 is narrowed
 * to float32) and uint8, C or Fortran order (Fortran arrays are transposed into C order). Anything else is rejected
 * by name.
 */
public final class NpyFormat {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DIMENSION = Pattern.compile("[0-9]{1,18}");
    private static final int CHUNK = 1 << 16;
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** The largest Java array; BiT-L R152x4's largest kernel has 37.7 M values. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private NpyFormat() {
    }

    /** Reads one array; {@code where} (file and entry) goes into every error message. */
    public static Tensor read(InputStream raw, String name, String where) throws WeightsFileException {
        DataInputStream in = new DataInputStream(raw);
        return readData(in, header(in, where), name, where);
    }

    /**
     * Reads and checks an array's header: magic, version, a {@code descr} Zoo reads, and a shape of plain whole
     * numbers whose product fits one Java array. Nothing is allocated from the header's numbers before they pass.
     */
    public static NpyHeader header(DataInputStream in, String where) throws WeightsFileException {
        try {
            byte[] magic = new byte[6];
            in.readFully(magic);
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new WeightsFileException(where + ": not a .npy array (bad magic bytes)");
                }
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            long length;
            if (major == 1) {
                length = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new WeightsFileException(where + ": unsupported .npy format version " + major);
            }
            if (length > MAX_HEADER_BYTES) {
                throw new WeightsFileException(where + ": implausible .npy header of " + length + " bytes");
            }
            byte[] text = new byte[(int) length];
            in.readFully(text);
            String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(dict);
            Matcher f = FORTRAN.matcher(dict);
            Matcher s = SHAPE.matcher(dict);
            if (!d.find() || !f.find() || !s.find()) {
                throw new WeightsFileException(where + ": malformed .npy header " + quote(dict.strip()));
            }
            long[] shape = shape(s.group(1), where);
            int prefix = MAGIC.length + 2 + (major == 1 ? 2 : 4);
            return new NpyHeader(dtype(d.group(1), where), f.group(1).equals("True"), shape, prefix + (int) length,
                    elementCount(shape, where));
        } catch (EOFException e) {
            throw new WeightsFileException(where + ": the file ends inside the array's header (truncated download?)", e);
        } catch (ZipException e) {
            throw new WeightsFileException(where + ": " + ZipDamage.describe(e), e);
        } catch (IOException e) {
            throw new WeightsFileException(where + ": " + e.getMessage(), e);
        }
    }

    /** Reads the data a checked header announces, converting to float32 in C order. */
    public static Tensor readData(DataInputStream in, NpyHeader h, String name, String where)
            throws WeightsFileException {
        try {
            float[] data = readValues(in, h);
            if (h.fortranOrder() && h.shape().length > 1) {
                data = fortranToC(data, h.shape());
            }
            return new Tensor(name, h.shape(), data);
        } catch (EOFException e) {
            throw new WeightsFileException(where + ": the file ends before the array does (truncated download?)", e);
        } catch (ZipException e) {
            throw new WeightsFileException(where + ": " + ZipDamage.describe(e), e);
        } catch (IOException e) {
            throw new WeightsFileException(where + ": " + e.getMessage(), e);
        }
    }

    /** numpy writes a shape as a Python tuple: {@code ()}, {@code (16,)}, {@code (3, 3, 64, 64)}. Nothing else. */
    private static long[] shape(String tuple, String where) throws WeightsFileException {
        String[] parts = tuple.split(",", -1);
        List<Long> dims = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            boolean trailing = i == parts.length - 1 && i > 0;
            if (part.isEmpty() && (trailing || parts.length == 1)) {
                continue;
            }
            if (!DIMENSION.matcher(part).matches()) {
                throw new WeightsFileException(where + ": shape (" + quote(tuple) + ") is not a tuple of whole numbers");
            }
            dims.add(Long.parseLong(part));
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static int elementCount(long[] shape, String where) throws WeightsFileException {
        long count = 1;
        for (long d : shape) {
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw new WeightsFileException(where + ": shape " + NpyHeader.shapeText(shape) + " holds more values than "
                        + "one array can (" + MAX_ELEMENTS + ")");
            }
        }
        return (int) count;
    }

    private static NpyHeader.Dtype dtype(String descr, String where) throws WeightsFileException {
        ByteOrder order;
        if (descr.startsWith("<") || descr.startsWith("|") || descr.startsWith("=")) {
            order = ByteOrder.LITTLE_ENDIAN;   // '=' is native: numpy writes it only on little-endian machines
        } else if (descr.startsWith(">")) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new WeightsFileException(where + ": unknown dtype " + quote(descr));
        }
        int itemSize = switch (descr.substring(1)) {
            case "f4" -> 4;
            case "f8" -> 8;
            case "u1" -> 1;     // images (golden preprocessing data)
            default -> throw new WeightsFileException(where + ": dtype " + quote(descr) + " is not supported (Zoo reads "
                    + "float32, float64 and uint8 arrays)");
        };
        return new NpyHeader.Dtype(descr, order, itemSize);
    }

    private static String quote(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
    }

    private static float[] readValues(DataInputStream in, NpyHeader h) throws IOException {
        int count = h.elementCount();
        int itemSize = h.dtype().itemSize();
        float[] out = new float[count];
        byte[] chunk = new byte[CHUNK * itemSize];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(h.dtype().order());
        int done = 0;
        while (done < count) {
            int n = Math.min(CHUNK, count - done);
            in.readFully(chunk, 0, n * itemSize);
            view.clear();
            if (itemSize == 4) {
                view.asFloatBuffer().get(out, done, n);
            } else if (itemSize == 1) {
                for (int i = 0; i < n; i++) {
                    out[done + i] = chunk[i] & 0xFF;
                }
            } else {
                var doubles = view.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[done + i] = (float) doubles.get(i);
                }
            }
            done += n;
        }
        return out;
    }

    /** Fortran (column-major) order to C (row-major) order, for any rank. */
    static float[] fortranToC(float[] f, long[] shape) {
        int rank = shape.length;
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = (int) shape[i];
        }
        // strides of the Fortran layout
        long[] fStride = new long[rank];
        long s = 1;
        for (int i = 0; i < rank; i++) {
            fStride[i] = s;
            s *= dims[i];
        }
        float[] c = new float[f.length];
        int[] idx = new int[rank];
        for (int i = 0; i < c.length; i++) {
            long src = 0;
            for (int k = 0; k < rank; k++) {
                src += idx[k] * fStride[k];
            }
            c[i] = f[(int) src];
            for (int k = rank - 1; k >= 0; k--) {   // C order: last index moves fastest
                if (++idx[k] < dims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return c;
    }
}
