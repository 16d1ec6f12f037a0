package dev.zoo.networks.tensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file (what the Hugging Face hub serves for timm today): an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range in the data that follows, then the data. Everything the
 * header claims is checked before a byte of data is read: its length (at most 100 MB, as the format's own reader
 * allows, and within the file), each range inside the data and as long as its dtype and shape need, the ranges
 * neither overlapping nor leaving gaps (the format's own rule). Zoo reads it itself rather than through DJL's
 * {@code NDList.decode}, which reads every tensor into memory at once and names neither the file nor the tensor when
 * a header lies.
 */
public final class Safetensors implements TensorSource {

    /** The format's own bound on a header. */
    static final long MAX_HEADER = 100_000_000L;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private static final Map<String, Dtype> DTYPES = Map.of("F32", Dtype.FLOAT32, "F16", Dtype.FLOAT16,
            "BF16", Dtype.BFLOAT16, "F64", Dtype.FLOAT64, "I64", Dtype.INT64, "I32", Dtype.INT32, "I16", Dtype.INT16,
            "I8", Dtype.INT8, "U8", Dtype.UINT8, "BOOL", Dtype.BOOL);

    private record Entry(TensorInfo info, long begin, long end) {
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private Safetensors(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    /** True when the first bytes read as a safetensors header's length followed by its opening brace. */
    public static boolean looksLike(ByteBuffer head, long fileSize) {
        if (head.remaining() < 9) {
            return false;
        }
        long n = head.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return n >= 2 && n <= fileSize - 8 && head.get(8) == '{';
    }

    public static Safetensors open(Path file) throws WeightsFileException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new WeightsFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(lengthBytes, 0) != 8) {
                throw new WeightsFileException(file + ": shorter than a safetensors header's length");
            }
            long n = lengthBytes.getLong(0);
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw new WeightsFileException(file + ": a safetensors header of " + n + " bytes, in a file of "
                        + size + " (at most " + MAX_HEADER + " and within the file)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            while (header.hasRemaining()) {
                if (ch.read(header, 8 + header.position()) < 0) {
                    throw new WeightsFileException(file + ": cut short inside its safetensors header");
                }
            }
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new WeightsFileException(file + ": its safetensors header is not JSON: "
                        + e.getOriginalMessage(), e);
            }
            if (root == null || !root.isObject()) {
                throw new WeightsFileException(file + ": its safetensors header is not a JSON object");
            }
            long dataStart = 8 + n;
            Map<String, Entry> entries = entries(file, root, size - dataStart);
            return new Safetensors(file, ch, dataStart, entries);
        } catch (WeightsFileException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw new WeightsFileException(file + ": damaged safetensors file: " + e.getMessage(), e);
        }
    }

    private static Map<String, Entry> entries(Path file, JsonNode root, long dataBytes) throws WeightsFileException {
        List<Entry> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                continue;
            }
            String where = file + " [" + f.getKey() + "]";
            JsonNode t = f.getValue();
            JsonNode dtype = t.get("dtype");
            JsonNode shape = t.get("shape");
            JsonNode offsets = t.get("data_offsets");
            if (!t.isObject() || dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
                    || offsets == null || !offsets.isArray() || offsets.size() != 2 || t.size() != 3) {
                throw new WeightsFileException(where + ": not {dtype, shape, data_offsets: [begin, end]}");
            }
            Dtype type = DTYPES.get(dtype.asText());
            if (type == null) {
                throw new WeightsFileException(where + ": dtype '" + dtype.asText() + "', which Zoo does not read");
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                JsonNode d = shape.get(i);
                if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                    throw new WeightsFileException(where + ": shape " + shape + " is not a list of sizes");
                }
                dims[i] = d.asLong();
            }
            long begin = offset(offsets.get(0), where);
            long end = offset(offsets.get(1), where);
            long elements;
            try {
                elements = TensorInfo.elements(dims);
                if (Math.multiplyExact(elements, (long) type.size()) != end - begin) {
                    throw new WeightsFileException(where + ": " + type.label() + " " + TensorInfo.shapeText(dims)
                            + " needs " + elements * type.size() + " bytes, its data_offsets give " + (end - begin));
                }
            } catch (ArithmeticException e) {
                throw new WeightsFileException(where + ": shape " + TensorInfo.shapeText(dims) + " overflows");
            }
            if (begin > end || end > dataBytes) {
                throw new WeightsFileException(where + ": data_offsets [" + begin + ", " + end + "] outside the "
                        + dataBytes + " bytes of data");
            }
            if (elements > Integer.MAX_VALUE - 8) {
                throw new WeightsFileException(where + ": " + elements + " elements, more than one array holds");
            }
            list.add(new Entry(new TensorInfo(f.getKey(), type, dims), begin, end));
        }
        // the format's rule: the ranges, in order, cover the data exactly
        list.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : list) {
            if (e.begin() != expected) {
                throw new WeightsFileException(file + " [" + e.info().name() + "]: its data starts at byte "
                        + e.begin() + ", the one before it ends at " + expected + (e.begin() < expected
                        ? ": the two overlap" : ": a gap"));
            }
            expected = e.end();
        }
        if (expected != dataBytes) {
            throw new WeightsFileException(file + ": the tensors take " + expected + " bytes of the " + dataBytes
                    + " after the header");
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        list.forEach(e -> byName.put(e.info().name(), e));
        return byName;
    }

    private static long offset(JsonNode n, String where) throws WeightsFileException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new WeightsFileException(where + ": data_offsets hold " + n + ", not byte offsets");
        }
        return n.asLong();
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "a safetensors file";
    }

    @Override
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    @Override
    public TensorInfo info(String name) throws WeightsFileException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new WeightsFileException(file + ": no tensor '" + name + "'");
        }
        return e.info();
    }

    @Override
    public void readAll(Collection<String> wanted, TensorConsumer each) throws WeightsFileException {
        Set<String> want = new HashSet<>(wanted);
        for (Entry e : entries.values()) {
            if (!want.contains(e.info().name())) {
                continue;
            }
            String where = file + " [" + e.info().name() + "]";
            Dtype type = e.info().dtype();
            if (!type.floating()) {
                throw new WeightsFileException(where + ": " + type.label() + " values, not weights");
            }
            ByteBuffer b = ByteBuffer.allocate((int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b, dataStart + e.begin() + b.position()) < 0) {
                        throw new WeightsFileException(where + ": the file ends inside this tensor's data");
                    }
                }
            } catch (IOException ex) {
                throw new WeightsFileException(where + ": " + ex.getMessage(), ex);
            }
            float[] data = new float[(int) TensorInfo.elements(e.info().shape())];
            for (int i = 0; i < data.length; i++) {
                data[i] = type.read(b, i * type.size());
            }
            each.accept(new Tensor(e.info().name(), e.info().shape(), data));
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // read only
        }
    }
}
