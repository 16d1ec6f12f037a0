package dev.zoo.evaluator.npz;

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

/**
 * Reads numpy's {@code .npy} format (versions 1 to 3): float32 and float64 in either byte order (float64 is narrowed
 * to float32) and uint8, C or Fortran order (Fortran arrays are transposed into C order). Anything else is rejected by name.
 */
public final class NpyFormat {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 16;

    private NpyFormat() {
    }

    /** The header of an array: its element type, order and shape. */
    record Header(String descr, boolean fortranOrder, long[] shape) {

        long count() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** Reads one array; {@code where} (file and entry) goes into every error message. */
    public static NpyArray read(InputStream raw, String name, String where) throws NpzException {
        try {
            DataInputStream in = new DataInputStream(raw);
            Header h = header(in, where);
            long count = h.count();
            if (count > Integer.MAX_VALUE - 8) {
                throw new NpzException(where + ": " + count + " elements do not fit in one Java array");
            }
            float[] data = readData(in, h, (int) count, where);
            if (h.fortranOrder() && h.shape().length > 1) {
                data = fortranToC(data, h.shape());
            }
            return new NpyArray(name, h.shape(), data);
        } catch (EOFException e) {
            throw new NpzException(where + ": the file ends before the array does (truncated download?)", e);
        } catch (IOException e) {
            throw new NpzException(where + ": " + e.getMessage(), e);
        }
    }

    static Header header(DataInputStream in, String where) throws IOException, NpzException {
        byte[] magic = new byte[6];
        in.readFully(magic);
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new NpzException(where + ": not a .npy array (bad magic bytes)");
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
            throw new NpzException(where + ": unsupported .npy format version " + major);
        }
        if (length > 1 << 20) {
            throw new NpzException(where + ": implausible .npy header of " + length + " bytes");
        }
        byte[] text = new byte[(int) length];
        in.readFully(text);
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NpzException(where + ": malformed .npy header " + dict.strip());
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        return new Header(d.group(1), f.group(1).equals("True"), dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static float[] readData(DataInputStream in, Header h, int count, String where)
            throws IOException, NpzException {
        String descr = h.descr();
        ByteOrder order;
        if (descr.startsWith("<") || descr.startsWith("|") || descr.startsWith("=")) {
            order = ByteOrder.LITTLE_ENDIAN;   // '=' is native: numpy writes it only on little-endian machines
        } else if (descr.startsWith(">")) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new NpzException(where + ": unknown dtype '" + descr + "'");
        }
        String type = descr.substring(1);
        int itemSize;
        if (type.equals("f4")) {
            itemSize = 4;
        } else if (type.equals("f8")) {
            itemSize = 8;
        } else if (type.equals("u1")) {
            itemSize = 1;     // images (golden preprocessing data)
        } else {
            throw new NpzException(where + ": dtype '" + descr + "' is not supported (Zoo reads float32, float64 "
                    + "and uint8 arrays)");
        }
        float[] out = new float[count];
        byte[] chunk = new byte[CHUNK * itemSize];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(order);
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
