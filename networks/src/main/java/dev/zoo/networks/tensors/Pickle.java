package dev.zoo.networks.tensors;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Python pickle read as PyTorch's {@code weights_only=True} reads it, and no further: ordered dicts, lists, tuples,
 * plain values, and the globals a state dict needs (the tensor and parameter rebuild functions, storage types,
 * {@code torch.Size}, {@code OrderedDict}), each one looked up in {@link #ALLOWED}, never by name in a class path.
 * Any other global is refused naming its module and class; nothing is ever constructed or called but these. The
 * machine holds only what the bytes it read describe (every length is checked against what is left of the input), so
 * a small pickle cannot make it allocate much; a reference ({@code BINGET}) shares an object, it copies nothing.
 */
final class Pickle {

    /** A global a pickle names: what the state dict's objects are made with. */
    record Global(String module, String name) {
        String path() {
            return module + "." + name;
        }
    }

    /** A Python tuple. */
    record Tuple(List<Object> items) {
        Object get(int i) {
            return items.get(i);
        }

        int size() {
            return items.size();
        }
    }

    /** A tensor as a checkpoint describes it: a view into a storage. */
    record TensorRef(Object storage, long offset, long[] size, long[] stride) {
    }

    /** Answers a persistent ID ({@code BINPERSID}): the storages of a checkpoint. */
    @FunctionalInterface
    interface Persistent {
        Object load(Object pid) throws WeightsFileException;
    }

    static final String ORDERED_DICT = "collections.OrderedDict";
    private static final String REBUILD_V2 = "torch._utils._rebuild_tensor_v2";
    private static final String REBUILD = "torch._utils._rebuild_tensor";
    private static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    private static final String PARAMETER = "torch.nn.parameter.Parameter";
    private static final String SIZE = "torch.Size";
    private static final String LAYOUT = "torch.serialization._get_layout";

    /** Storage classes by their global's name, and their element type. */
    static final Map<String, Dtype> STORAGES = Map.ofEntries(
            Map.entry("torch.FloatStorage", Dtype.FLOAT32), Map.entry("torch.HalfStorage", Dtype.FLOAT16),
            Map.entry("torch.BFloat16Storage", Dtype.BFLOAT16), Map.entry("torch.DoubleStorage", Dtype.FLOAT64),
            Map.entry("torch.LongStorage", Dtype.INT64), Map.entry("torch.IntStorage", Dtype.INT32),
            Map.entry("torch.ShortStorage", Dtype.INT16), Map.entry("torch.CharStorage", Dtype.INT8),
            Map.entry("torch.ByteStorage", Dtype.UINT8), Map.entry("torch.BoolStorage", Dtype.BOOL));

    /** Every global a state dict may name (PyTorch's weights-only list, less what an image classifier never holds). */
    static final Set<String> ALLOWED;

    static {
        Set<String> allowed = new HashSet<>(Set.of(ORDERED_DICT, REBUILD_V2, REBUILD, REBUILD_PARAMETER,
                PARAMETER, SIZE, LAYOUT, "torch.float16", "torch.float32", "torch.float64", "torch.bfloat16"));
        allowed.addAll(STORAGES.keySet());
        ALLOWED = Set.copyOf(allowed);
    }

    /** Deeper than this a state dict is not: lists and dicts nest a few levels, never hundreds. */
    private static final int MAX_MARKS = 1_000;

    private final ByteBuffer in;
    private final String where;
    private final Persistent persistent;
    private final Map<Integer, Object> memo = new HashMap<>();
    private List<Object> stack = new ArrayList<>();
    private final List<List<Object>> marks = new ArrayList<>();

    private Pickle(ByteBuffer in, String where, Persistent persistent) {
        this.in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
        this.persistent = persistent;
    }

    /**
     * Reads one pickle from {@code in} (its position moves past the STOP); {@code where} names it in messages (the
     * file and entry).
     */
    static Object load(ByteBuffer in, String where, Persistent persistent) throws WeightsFileException {
        Pickle p = new Pickle(in, where, persistent);
        Object result = p.run();
        in.position(in.position() + p.in.position());
        return result;
    }

    private WeightsFileException damaged(String what) {
        return new WeightsFileException(where + ": " + what + " (at byte " + in.position() + " of the pickle)");
    }

    private Object run() throws WeightsFileException {
        while (true) {
            int op = u8();
            switch (op) {
                case 0x80 -> u8();                          // PROTO
                case 0x95 -> i64();                         // FRAME: a length hint
                case '.' -> {                               // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw damaged("the pickle ends with " + stack.size() + " object(s) on its stack");
                    }
                    return stack.get(0);
                }
                case '(' -> {                               // MARK
                    if (marks.size() >= MAX_MARKS) {
                        throw damaged("nested more than " + MAX_MARKS + " deep");
                    }
                    marks.add(stack);
                    stack = new ArrayList<>();
                }
                case '0' -> pop();                          // POP
                case '1' -> popMark();                      // POP_MARK
                case '2' -> push(peek());                   // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);            // NEWTRUE
                case 0x89 -> push(Boolean.FALSE);           // NEWFALSE
                case 'J' -> push((long) in.getInt());       // BININT
                case 'K' -> push((long) u8());              // BININT1
                case 'M' -> push((long) (in.getShort() & 0xFFFF));   // BININT2
                case 0x8a -> push(longOf(bytes(u8())));     // LONG1
                case 0x8b -> push(longOf(bytes(length(in.getInt()))));   // LONG4
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(i64())));   // BINFLOAT: big-endian
                case 'X' -> push(text(bytes(length(in.getInt()))));      // BINUNICODE
                case 0x8c -> push(text(bytes(u8())));                    // SHORT_BINUNICODE
                case 0x8d -> push(text(bytes(length(i64()))));           // BINUNICODE8
                case 'U' -> push(text(bytes(u8())));                     // SHORT_BINSTRING
                case 'T' -> push(text(bytes(length(in.getInt()))));      // BINSTRING
                case 'C' -> push(bytes(u8()));                           // SHORT_BINBYTES
                case 'B' -> push(bytes(length(in.getInt())));            // BINBYTES
                case ']' -> push(new ArrayList<>());        // EMPTY_LIST
                case '}' -> push(new LinkedHashMap<>());    // EMPTY_DICT
                case ')' -> push(new Tuple(List.of()));     // EMPTY_TUPLE
                case 't' -> push(new Tuple(Collections.unmodifiableList(popMark())));   // TUPLE
                case 0x85 -> push(tuple(pop()));            // TUPLE1
                case 0x86 -> {                              // TUPLE2
                    Object b = pop();
                    push(tuple(pop(), b));
                }
                case 0x87 -> {                              // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    push(tuple(pop(), b, c));
                }
                case 'a' -> list().add(pop());              // APPEND
                case 'e' -> {                               // APPENDS
                    List<Object> items = popMark();
                    list().addAll(items);
                }
                case 's' -> {                               // SETITEM
                    Object v = pop();
                    Object k = pop();
                    dict().put(key(k), v);
                }
                case 'u' -> {                               // SETITEMS
                    List<Object> items = popMark();
                    if (items.size() % 2 != 0) {
                        throw damaged("SETITEMS with an odd number of items");
                    }
                    Map<Object, Object> d = dict();
                    for (int i = 0; i < items.size(); i += 2) {
                        d.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 'c' -> push(global(line(), line()));   // GLOBAL
                case 0x93 -> {                              // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw damaged("STACK_GLOBAL without a module and a name");
                    }
                    push(global(m, n));
                }
                case 'R' -> {                               // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(call(callable, args));
                }
                case 0x81 -> {                              // NEWOBJ: only a Parameter around its tensor
                    Object args = pop();
                    Object cls = pop();
                    if (!(cls instanceof Global g) || !g.path().equals(PARAMETER) || !(args instanceof Tuple t)
                            || t.size() < 1) {
                        throw refused(cls, "instantiated");
                    }
                    push(t.get(0));
                }
                case 'b' -> build();                        // BUILD
                case 'q' -> memo.put(u8(), peek());         // BINPUT
                case 'r' -> memo.put(index(in.getInt()), peek());   // LONG_BINPUT
                case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoized(u8()));           // BINGET
                case 'j' -> push(memoized(index(in.getInt())));     // LONG_BINGET
                case 'Q' -> push(persistent.load(pop()));   // BINPERSID
                default -> throw damaged(String.format("opcode 0x%02x is not one a state dict uses; Zoo reads "
                        + "state dicts only", op));
            }
        }
    }

    private static Tuple tuple(Object... items) {
        return new Tuple(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(items))));
    }

    private Object global(String module, String name) throws WeightsFileException {
        Global g = new Global(module, name);
        if (!ALLOWED.contains(g.path())) {
            throw new WeightsFileException(where + ": the pickle names the global " + module + "." + name
                    + ", which a state dict does not hold; refused (Zoo never constructs or runs anything from a "
                    + "pickle: only tensors, ordered dicts, lists and plain values)");
        }
        return g;
    }

    private WeightsFileException refused(Object callable, String how) {
        String name = callable instanceof Global g ? g.path() : describe(callable);
        return new WeightsFileException(where + ": the pickle asks for " + name + " to be " + how + "; refused "
                + "(Zoo reads state dicts only)");
    }

    /** REDUCE: the few calls a state dict is made of. */
    private Object call(Object callable, Object args) throws WeightsFileException {
        if (!(callable instanceof Global g) || !(args instanceof Tuple a)) {
            throw refused(callable, "called");
        }
        switch (g.path()) {
            case ORDERED_DICT -> {
                if (a.size() != 0) {
                    throw damaged("OrderedDict called with arguments");
                }
                return new LinkedHashMap<>();
            }
            case REBUILD_V2, REBUILD -> {
                if (a.size() < 4) {
                    throw damaged(g.name() + " with " + a.size() + " arguments");
                }
                return new TensorRef(a.get(0), number(a.get(1), "storage offset"), longs(a.get(2), "size"),
                        longs(a.get(3), "stride"));
            }
            case REBUILD_PARAMETER -> {
                if (a.size() < 1 || !(a.get(0) instanceof TensorRef t)) {
                    throw damaged("_rebuild_parameter without a tensor");
                }
                return t;
            }
            case SIZE -> {
                return a.size() == 1 && a.get(0) instanceof Tuple t ? t : a;
            }
            case LAYOUT -> {
                return g;
            }
            default -> throw refused(callable, "called");
        }
    }

    /** BUILD: state set on an ordered dict ({@code _metadata}) or a tensor (hooks); nothing else is built. */
    private void build() throws WeightsFileException {
        Object state = pop();
        Object target = peek();
        if (!(target instanceof Map) && !(target instanceof TensorRef)) {
            throw damaged("BUILD on " + describe(target) + "; only an ordered dict or a tensor takes state");
        }
        // the state (a state dict's _metadata: per-module versions) says nothing Zoo needs
        if (state != null && !(state instanceof Map) && !(state instanceof Tuple)) {
            throw damaged("BUILD with " + describe(state));
        }
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Global g ? g.path() : o.getClass().getSimpleName();
    }

    private long number(Object o, String what) throws WeightsFileException {
        if (o instanceof Long l) {
            return l;
        }
        throw damaged("a tensor's " + what + " is " + describe(o) + ", not an integer");
    }

    private long[] longs(Object o, String what) throws WeightsFileException {
        if (!(o instanceof Tuple t)) {
            throw damaged("a tensor's " + what + " is " + describe(o) + ", not a tuple");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(t.get(i), what);
        }
        return out;
    }

    private Object key(Object k) throws WeightsFileException {
        if (k == null || k instanceof String || k instanceof Long || k instanceof Boolean || k instanceof Double
                || k instanceof BigInteger || k instanceof Tuple) {
            return k;
        }
        throw damaged("a dict key is " + describe(k));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list() throws WeightsFileException {
        if (peek() instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw damaged("APPEND to " + describe(peek()) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict() throws WeightsFileException {
        if (peek() instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw damaged("SETITEM on " + describe(peek()) + ", not a dict");
    }

    private Object memoized(int i) throws WeightsFileException {
        if (!memo.containsKey(i)) {
            throw damaged("a reference to memo slot " + i + ", which holds nothing");
        }
        return memo.get(i);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws WeightsFileException {
        if (stack.isEmpty()) {
            throw damaged("an opcode needs more objects than the stack holds");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws WeightsFileException {
        if (stack.isEmpty()) {
            throw damaged("an opcode needs an object, and the stack is empty");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws WeightsFileException {
        if (marks.isEmpty()) {
            throw damaged("a MARK is closed that was never opened");
        }
        List<Object> items = stack;
        stack = marks.remove(marks.size() - 1);
        return items;
    }

    private int u8() throws WeightsFileException {
        if (!in.hasRemaining()) {
            throw damaged("the pickle ends before its STOP: the file is cut short");
        }
        return in.get() & 0xFF;
    }

    private long i64() throws WeightsFileException {
        if (in.remaining() < 8) {
            throw damaged("the pickle ends inside a number: the file is cut short");
        }
        return in.getLong();
    }

    private int index(int i) throws WeightsFileException {
        if (i < 0) {
            throw damaged("a negative memo index");
        }
        return i;
    }

    /** A length read from the pickle, checked against what is left of it before anything is allocated. */
    private int length(long n) throws WeightsFileException {
        if (n < 0 || n > in.remaining()) {
            throw damaged("a value announces " + n + " bytes, and only " + in.remaining() + " are left");
        }
        return (int) n;
    }

    private byte[] bytes(int n) throws WeightsFileException {
        if (n > in.remaining()) {
            throw damaged("a value announces " + n + " bytes, and only " + in.remaining() + " are left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private String text(byte[] b) throws WeightsFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw damaged("a string that is not UTF-8");
        }
    }

    /** GLOBAL's module and name: text up to a newline, within what is left. */
    private String line() throws WeightsFileException {
        int start = in.position();
        for (int i = start; i < in.limit() && i - start < 256; i++) {
            if (in.get(i) == '\n') {
                byte[] b = new byte[i - start];
                in.get(b);
                in.get();
                return text(b);
            }
        }
        throw damaged("a GLOBAL whose name does not end within 256 bytes");
    }

    /** Python's little-endian two's-complement long. */
    private static Object longOf(byte[] b) {
        if (b.length == 0) {
            return 0L;
        }
        byte[] big = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            big[i] = b[b.length - 1 - i];
        }
        BigInteger v = new BigInteger(big);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
