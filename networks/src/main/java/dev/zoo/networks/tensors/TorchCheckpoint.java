package dev.zoo.networks.tensors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The state dict of a file written by {@code torch.save}, read without Python and without running anything it holds:
 * the zip format of PyTorch 1.6 and later ({@code <root>/data.pkl}, each storage's bytes in {@code <root>/data/<key>},
 * {@code <root>/byteorder}) and the legacy stream before it (the magic number, protocol and system-info pickles, the
 * object pickle, the storage keys, then each storage's element count and bytes). The pickles go through {@link Pickle}'s
 * allow-list. The tensors are found as timm's {@code load_checkpoint} finds them: the dict's {@code state_dict}, else its
 * {@code model}, else its EMA weights, else the dict itself; {@code module.} prefixes removed; entries that are not
 * tensors ignored. Every tensor is checked against its storage (offset, shape and strides inside the bytes the file
 * holds) before anything is read; then each is read on its own and converted to float32.
 */
public final class TorchCheckpoint implements TensorSource {

    /** {@code torch.serialization.MAGIC_NUMBER}, the legacy format's first pickle. */
    private static final java.math.BigInteger LEGACY_MAGIC = new java.math.BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;
    /** A state dict's pickle holds names and shapes: tens of MB would be millions of tensors. */
    private static final long MAX_PICKLE_BYTES = 256L << 20;
    /** The wrappers timm's {@code load_checkpoint} looks in, in its order (EMA only when nothing else is there). */
    private static final List<String> WRAPPERS = List.of("state_dict", "model", "state_dict_ema", "model_ema");

    /** A storage's bytes: where they lie, for the format at hand. */
    private record Storage(String key, Dtype dtype, long numel, Bytes bytes) {
    }

    /** A storage's bytes from {@code offset} on, as a stream (one pass, no copy of the whole storage). */
    @FunctionalInterface
    private interface Bytes {
        InputStream open(long offset) throws IOException;

        default ByteBuffer read(long offset, int length) throws IOException {
            try (InputStream in = open(offset)) {
                return ByteBuffer.wrap(in.readNBytes(length));
            }
        }
    }

    /** What float32 tensors stream through on their way into their arrays. */
    private static final int CHUNK_BYTES = 1 << 20;

    private record Entry(TensorInfo info, long[] stride, long offset, Storage storage) {
    }

    private final Path file;
    private final String description;
    private final ByteOrder order;
    private final Map<String, Entry> entries;
    private final AutoCloseable resource;

    private TorchCheckpoint(Path file, String description, ByteOrder order, Map<String, Entry> entries,
                            AutoCloseable resource) {
        this.file = file;
        this.description = description;
        this.order = order;
        this.entries = entries;
        this.resource = resource;
    }

    /** True when the file starts as {@code torch.save} writes: a zip, or a pickle (the legacy stream). */
    public static boolean looksLike(ByteBuffer head) {
        return head.remaining() >= 2 && ((head.get(0) == 'P' && head.get(1) == 'K')
                || ((head.get(0) & 0xFF) == 0x80 && head.get(1) >= 2 && head.get(1) <= 5));
    }

    /** Opens a checkpoint in either format, telling them apart by content. */
    public static TorchCheckpoint open(Path file) throws WeightsFileException {
        ByteBuffer head = ByteBuffer.allocate(4);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(head, 0);
        } catch (IOException e) {
            throw new WeightsFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        head.flip();
        if (head.remaining() >= 2 && head.get(0) == 'P' && head.get(1) == 'K') {
            return zip(file);
        }
        return legacy(file);
    }

    private static TorchCheckpoint zip(Path file) throws WeightsFileException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new WeightsFileException(file + ": a damaged zip (torch.save's format): " + ZipDamage.meaning(e), e);
        } catch (IOException e) {
            throw new WeightsFileException(file + ": a damaged zip (torch.save's format): " + e.getMessage(), e);
        }
        try {
            String root = null;
            Map<String, ZipEntry> byName = new HashMap<>();
            for (ZipEntry e : Collections.list(zip.entries())) {
                byName.put(e.getName(), e);
                if (e.getName().endsWith("/data.pkl") && e.getName().indexOf('/') == e.getName().length() - 9) {
                    root = e.getName().substring(0, e.getName().length() - "data.pkl".length());
                }
            }
            if (root == null) {
                throw new WeightsFileException(file + ": a zip without torch.save's <root>/data.pkl: not a PyTorch "
                        + "checkpoint");
            }
            if (byName.containsKey(root + "code/") || byName.keySet().stream().anyMatch(n -> n.contains("/code/"))) {
                throw new WeightsFileException(file + ": a TorchScript archive, not a checkpoint");
            }
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry byteorder = byName.get(root + "byteorder");
            if (byteorder != null) {
                String text = new String(readEntry(zip, byteorder, 16), StandardCharsets.US_ASCII).strip();
                if (text.equals("big")) {
                    order = ByteOrder.BIG_ENDIAN;
                } else if (!text.equals("little")) {
                    throw new WeightsFileException(file + " [" + root + "byteorder]: '" + text + "', neither "
                            + "little nor big");
                }
            }
            ZipEntry pickle = byName.get(root + "data.pkl");
            String where = file + " [" + root + "data.pkl]";
            ByteBuffer pkl = ByteBuffer.wrap(readEntry(zip, pickle, MAX_PICKLE_BYTES));
            String prefix = root;
            Map<String, Storage> storages = new HashMap<>();
            Object top = Pickle.load(pkl, where, pid -> {
                Pickle.Tuple t = storageId(pid, where, 5);
                String key = text(t.get(2), where, "storage key");
                Dtype dtype = dtype(t.get(1), where);
                long numel = count(t.get(4), where);
                Storage s = storages.get(key);
                if (s == null) {
                    ZipEntry data = byName.get(prefix + "data/" + key);
                    if (data == null) {
                        throw new WeightsFileException(file + ": storage '" + key + "' is named by the pickle but "
                                + "missing from the zip (" + prefix + "data/" + key + ")");
                    }
                    if (data.getSize() < 0 || Math.multiplyHigh(numel, dtype.size()) != 0
                            || numel * dtype.size() > data.getSize()) {
                        throw new WeightsFileException(file + " [" + prefix + "data/" + key + "]: the pickle says "
                                + numel + " " + dtype.label() + " values (" + numel * dtype.size() + " bytes), the "
                                + "zip entry holds " + data.getSize() + " bytes: a storage shorter than its tensor");
                    }
                    s = new Storage(key, dtype, numel, offset -> {
                        InputStream in = zip.getInputStream(data);
                        in.skipNBytes(offset);
                        return in;
                    });
                    storages.put(key, s);
                } else if (s.dtype() != dtype) {
                    throw new WeightsFileException(file + ": storage '" + key + "' is read as " + s.dtype().label()
                            + " and as " + dtype.label());
                }
                return s;
            });
            Selected selected = select(file, top);
            return new TorchCheckpoint(file, "a PyTorch checkpoint (torch.save's zip format; " + selected.what
                    + ")", order, entries(file, selected), zip);
        } catch (WeightsFileException e) {
            closeQuietly(zip);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(zip);
            throw new WeightsFileException(file + ": damaged PyTorch checkpoint: " + e.getMessage(), e);
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry entry, long max) throws IOException, WeightsFileException {
        if (entry.getSize() > max) {
            throw new WeightsFileException(zip.getName() + " [" + entry.getName() + "]: " + entry.getSize()
                    + " bytes, more than a state dict's pickle holds (" + max + ")");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] b = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8) + 1);
            if (b.length > max) {
                throw new WeightsFileException(zip.getName() + " [" + entry.getName() + "]: more than " + max
                        + " bytes");
            }
            return b;
        }
    }

    private static TorchCheckpoint legacy(Path file) throws WeightsFileException {
        FileChannel ch;
        long size;
        ByteBuffer map;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            size = ch.size();
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw new WeightsFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            String where = file.toString();
            Object magic = Pickle.load(map, where + " (magic number)", pid -> {
                throw new WeightsFileException(where + ": a persistent ID in the magic number");
            });
            if (!(magic instanceof java.math.BigInteger number && number.equals(LEGACY_MAGIC))) {
                throw new WeightsFileException(where + ": a pickle, but not torch.save's (its first value is not "
                        + "PyTorch's magic number): not a PyTorch checkpoint");
            }
            Object protocol = Pickle.load(map, where + " (protocol)", pid -> null);
            if (!(protocol instanceof Long p && p == LEGACY_PROTOCOL)) {
                throw new WeightsFileException(where + ": torch.save's legacy protocol " + protocol + ", Zoo reads "
                        + LEGACY_PROTOCOL);
            }
            Object info = Pickle.load(map, where + " (system info)", pid -> null);
            ByteOrder order = info instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))
                    ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            Map<String, Storage> declared = new LinkedHashMap<>();
            Map<String, long[]> views = new HashMap<>();
            Object top = Pickle.load(map, where, pid -> {
                Pickle.Tuple t = storageId(pid, where, 6);
                String key = text(t.get(2), where, "storage key");
                Dtype dtype = dtype(t.get(1), where);
                long numel = count(t.get(4), where);
                Storage root = declared.get(key);
                if (root == null) {
                    root = new Storage(key, dtype, numel, null);
                    declared.put(key, root);
                } else if (root.dtype() != dtype || root.numel() != numel) {
                    throw new WeightsFileException(where + ": storage '" + key + "' is declared twice, differently");
                }
                Object view = t.get(5);
                if (view == null) {
                    return root;
                }
                if (!(view instanceof Pickle.Tuple v) || v.size() != 3) {
                    throw new WeightsFileException(where + ": storage '" + key + "' has a view that is not (key, "
                            + "offset, size)");
                }
                long offset = count(v.get(1), where);
                long length = count(v.get(2), where);
                if (offset + length > numel) {
                    throw new WeightsFileException(where + ": a view of storage '" + key + "' reaches element "
                            + (offset + length) + " of " + numel);
                }
                views.put(text(v.get(0), where, "view key"), new long[]{offset, length});
                return new View(root, offset, length);
            });
            Object keys = Pickle.load(map, where + " (storage keys)", pid -> null);
            if (!(keys instanceof List<?> list)) {
                throw new WeightsFileException(where + ": the storage keys are not a list");
            }
            // each storage in the keys' order: its element count, then its bytes
            long position = map.position();
            Map<String, Storage> located = new HashMap<>();
            for (Object k : list) {
                String key = text(k, where, "storage key");
                Storage s = declared.get(key);
                if (s == null) {
                    throw new WeightsFileException(where + ": the storage keys name '" + key + "', which no tensor "
                            + "uses");
                }
                ByteBuffer count = ByteBuffer.allocate(8).order(order);
                if (ch.read(count, position) != 8) {
                    throw new WeightsFileException(where + ": cut short before storage '" + key + "' (at byte "
                            + position + " of " + size + ")");
                }
                long numel = count.getLong(0);
                if (numel != s.numel()) {
                    throw new WeightsFileException(where + ": storage '" + key + "' holds " + numel + " values at "
                            + "byte " + position + ", the pickle says " + s.numel());
                }
                long start = position + 8;
                long bytes = Math.multiplyExact(numel, s.dtype().size());
                if (start + bytes > size) {
                    throw new WeightsFileException(where + ": cut short inside storage '" + key + "' (it needs bytes "
                            + start + " to " + (start + bytes) + ", the file has " + size + ")");
                }
                located.put(key, new Storage(key, s.dtype(), numel, offset -> new ChannelStream(ch, start + offset)));
                position = start + bytes;
            }
            for (String key : declared.keySet()) {
                if (!located.containsKey(key)) {
                    throw new WeightsFileException(where + ": storage '" + key + "' is used by a tensor but its "
                            + "bytes are not in the file");
                }
            }
            Selected selected = select(file, top);
            Map<String, Entry> entries = entries(file, resolveViews(selected, located));
            return new TorchCheckpoint(file, "a PyTorch checkpoint (torch.save's legacy format; " + selected.what
                    + ")", order, entries, ch);
        } catch (WeightsFileException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw new WeightsFileException(file + ": damaged PyTorch checkpoint: " + e.getMessage(), e);
        }
    }

    /** A legacy view into a storage: its own elements start {@code offset} values in. */
    private record View(Storage root, long offset, long length) {
    }

    /** The tensors timm would load, and what was chosen to get them. */
    private record Selected(Map<String, Pickle.TensorRef> tensors, String what) {
    }

    /** As timm's {@code load_checkpoint}: a wrapper's state dict, or the dict itself; {@code module.} removed. */
    private static Selected select(Path file, Object top) throws WeightsFileException {
        if (!(top instanceof Map<?, ?> dict)) {
            throw new WeightsFileException(file + ": the checkpoint holds " + (top == null ? "None"
                    : top.getClass().getSimpleName()) + ", not a state dict");
        }
        Map<?, ?> chosen = dict;
        String what = "its state dict";
        for (String key : WRAPPERS) {
            if (dict.get(key) instanceof Map<?, ?> inner && !inner.isEmpty()) {
                chosen = inner;
                what = "the state dict under its '" + key + "'";
                break;
            }
        }
        Map<String, Pickle.TensorRef> tensors = new LinkedHashMap<>();
        boolean stripped = false;
        int ignored = 0;
        for (Map.Entry<?, ?> e : chosen.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof Pickle.TensorRef t)) {
                ignored++;
                continue;
            }
            if (key.startsWith("module.")) {
                key = key.substring("module.".length());
                stripped = true;
            }
            if (tensors.put(key, t) != null) {
                throw new WeightsFileException(file + ": the state dict holds '" + key + "' twice (once as "
                        + "'module." + key + "')");
            }
        }
        if (tensors.isEmpty()) {
            throw new WeightsFileException(file + ": " + what + " holds no tensors");
        }
        return new Selected(tensors, what + (stripped ? ", 'module.' prefixes removed" : "")
                + (ignored > 0 ? ", " + ignored + " entr" + (ignored == 1 ? "y" : "ies") + " that are no tensors "
                + "ignored" : ""));
    }

    /** Legacy tensors may point into views: each becomes its root storage with the view's offset added. */
    private static Selected resolveViews(Selected s, Map<String, Storage> located) {
        Map<String, Pickle.TensorRef> out = new LinkedHashMap<>();
        s.tensors().forEach((k, t) -> {
            Object storage = t.storage();
            long offset = t.offset();
            if (storage instanceof View v) {
                storage = v.root();
                offset += v.offset();
            }
            if (storage instanceof Storage st && located.containsKey(st.key())) {
                storage = located.get(st.key());
            }
            out.put(k, new Pickle.TensorRef(storage, offset, t.size(), t.stride()));
        });
        return new Selected(out, s.what());
    }

    /** Every tensor checked against its storage: shape, strides and offset inside the elements it holds. */
    private static Map<String, Entry> entries(Path file, Selected selected) throws WeightsFileException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<String, Pickle.TensorRef> e : selected.tensors().entrySet()) {
            String where = file + " [" + e.getKey() + "]";
            Pickle.TensorRef t = e.getValue();
            if (!(t.storage() instanceof Storage s)) {
                throw new WeightsFileException(where + ": a tensor without a storage");
            }
            long[] size = t.size();
            long[] stride = t.stride();
            if (size.length != stride.length) {
                throw new WeightsFileException(where + ": " + size.length + " dimensions but " + stride.length
                        + " strides");
            }
            long last = t.offset();
            boolean empty = false;
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new WeightsFileException(where + ": a negative size or stride " + TensorInfo.shapeText(size)
                            + " / " + TensorInfo.shapeText(stride));
                }
                empty |= size[i] == 0;
                if (size[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
            long elements;
            try {
                elements = TensorInfo.elements(size);
            } catch (ArithmeticException ex) {
                throw new WeightsFileException(where + ": shape " + TensorInfo.shapeText(size) + " overflows");
            }
            if (t.offset() < 0 || (!empty && last >= s.numel())) {
                throw new WeightsFileException(where + ": shape " + TensorInfo.shapeText(size) + " with strides "
                        + TensorInfo.shapeText(stride) + " from offset " + t.offset() + " reaches element "
                        + (last + 1) + " of a storage of " + s.numel() + ": a storage shorter than its tensor");
            }
            if (elements > Integer.MAX_VALUE - 8) {
                throw new WeightsFileException(where + ": " + elements + " elements, more than one array holds");
            }
            out.put(e.getKey(), new Entry(new TensorInfo(e.getKey(), s.dtype(), size), stride, t.offset(), s));
        }
        return out;
    }

    private static Pickle.Tuple storageId(Object pid, String where, int fields) throws WeightsFileException {
        if (!(pid instanceof Pickle.Tuple t) || t.size() != fields || !"storage".equals(t.get(0))) {
            throw new WeightsFileException(where + ": a persistent ID that is not a storage ('storage', type, key, "
                    + "location, size" + (fields == 6 ? ", view" : "") + ")");
        }
        return t;
    }

    private static Dtype dtype(Object type, String where) throws WeightsFileException {
        if (type instanceof Pickle.Global g && Pickle.STORAGES.containsKey(g.path())) {
            return Pickle.STORAGES.get(g.path());
        }
        throw new WeightsFileException(where + ": a storage of type " + type + ", which Zoo does not read");
    }

    private static String text(Object o, String where, String what) throws WeightsFileException {
        if (o instanceof String s) {
            return s;
        }
        throw new WeightsFileException(where + ": a " + what + " that is not text");
    }

    private static long count(Object o, String where) throws WeightsFileException {
        if (o instanceof Long l && l >= 0) {
            return l;
        }
        throw new WeightsFileException(where + ": a storage size that is not a count (" + o + ")");
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return description;
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
            if (want.contains(e.info().name())) {
                each.accept(read(e));
            }
        }
    }

    /** One tensor: the bytes its view spans, then its elements in C order, as float32. */
    private Tensor read(Entry e) throws WeightsFileException {
        TensorInfo info = e.info();
        String where = file + " [" + info.name() + "]";
        if (!info.dtype().floating()) {
            throw new WeightsFileException(where + ": " + info.dtype().label() + " values, not weights (a network "
                    + "takes float32, float16, bfloat16 or float64 here)");
        }
        long[] size = info.shape();
        long[] stride = e.stride();
        int n = (int) TensorInfo.elements(size);
        float[] out = new float[n];
        if (n == 0) {
            return new Tensor(info.name(), size, out);
        }
        long span = 1;
        for (int i = 0; i < size.length; i++) {
            span += (size[i] - 1) * stride[i];
        }
        int itemSize = info.dtype().size();
        if (contiguous(size, stride) && info.dtype() == Dtype.FLOAT32) {
            readFloats(e, where, out);   // most checkpoints' tensors: streamed straight into the array
            return new Tensor(info.name(), size, out);
        }
        ByteBuffer bytes;
        try {
            bytes = e.storage().bytes().read(e.offset() * itemSize, Math.toIntExact(span * itemSize)).order(order);
        } catch (IOException | ArithmeticException ex) {
            throw new WeightsFileException(where + ": cannot read its storage '" + e.storage().key() + "': "
                    + ex.getMessage(), ex);
        }
        if (bytes.remaining() < span * itemSize) {
            throw new WeightsFileException(where + ": its storage '" + e.storage().key() + "' ends early: the file is "
                    + "cut short");
        }
        if (contiguous(size, stride)) {
            for (int i = 0; i < n; i++) {
                out[i] = info.dtype().read(bytes, i * itemSize);
            }
        } else {
            int[] index = new int[size.length];
            for (int i = 0; i < n; i++) {
                long at = 0;
                for (int d = 0; d < size.length; d++) {
                    at += index[d] * stride[d];
                }
                out[i] = info.dtype().read(bytes, (int) (at * itemSize));
                for (int d = size.length - 1; d >= 0; d--) {
                    if (++index[d] < size[d]) {
                        break;
                    }
                    index[d] = 0;
                }
            }
        }
        return new Tensor(info.name(), size, out);
    }

    /** A contiguous float32 tensor, chunk by chunk from its storage into {@code out}. */
    private void readFloats(Entry e, String where, float[] out) throws WeightsFileException {
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, out.length * 4L)];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(order);
        try (InputStream in = e.storage().bytes().open(e.offset() * 4)) {
            int done = 0;
            while (done < out.length) {
                int want = Math.min(chunk.length, (out.length - done) * 4);
                if (in.readNBytes(chunk, 0, want) < want) {
                    throw new WeightsFileException(where + ": its storage '" + e.storage().key() + "' ends early: "
                            + "the file is cut short");
                }
                view.clear().limit(want);
                view.asFloatBuffer().get(out, done, want / 4);
                done += want / 4;
            }
        } catch (IOException ex) {
            throw new WeightsFileException(where + ": cannot read its storage '" + e.storage().key() + "': "
                    + ex.getMessage(), ex);
        }
    }

    /** Positional reads of a file channel from {@code position} on, as a stream (the channel stays open). */
    private static final class ChannelStream extends InputStream {
        private final FileChannel channel;
        private long position;

        ChannelStream(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    private static boolean contiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    @Override
    public void close() {
        closeQuietly(resource);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing was written
        }
    }
}
