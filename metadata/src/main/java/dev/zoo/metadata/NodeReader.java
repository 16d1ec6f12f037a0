package dev.zoo.metadata;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads from SnakeYAML nodes. Every problem becomes a {@link Diagnostic} at the offending node and the read
 * returns empty, so one pass reports everything wrong with a file instead of stopping at the first problem.
 */
final class NodeReader {

    private static final Set<String> URL_SCHEMES = Set.of("http", "https");
    private static final int MAX_NUMBER_CHARS = 64;
    /** Decimal digits before (or zeros after) the point beyond which no catalogue number is meaningful. */
    private static final int MAX_MAGNITUDE = 30;
    static final int MAX_ECHO_CHARS = 60;

    private final YamlSource source;
    private final List<Diagnostic> diagnostics;
    /** What a value that cannot be read is: an error, or (for fields Zoo only shows) a warning. */
    private final Severity problems;

    NodeReader(YamlSource source, List<Diagnostic> diagnostics) {
        this(source, diagnostics, Severity.ERROR);
    }

    private NodeReader(YamlSource source, List<Diagnostic> diagnostics, Severity problems) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.problems = problems;
    }

    /** This reader, reporting values it cannot read as warnings: for what Zoo only shows, never evaluates with. */
    NodeReader lenient() {
        return new NodeReader(source, diagnostics, Severity.WARNING);
    }

    /** This reader, writing its diagnostics to {@code into} (one model's, so that its errors cost only itself). */
    NodeReader scoped(List<Diagnostic> into) {
        return new NodeReader(source, into, problems);
    }

    /** A reader for another file's YAML that reports where this one does, as strictly. */
    NodeReader forSource(YamlSource other) {
        return new NodeReader(other, diagnostics, problems);
    }

    /** Where this reader's diagnostics go. */
    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    YamlSource source() {
        return source;
    }

    SourcePos pos(Node node) {
        return source.pos(node);
    }

    /** A value that cannot be read: an error, or a warning from a {@link #lenient()} reader. */
    void error(Node node, String message) {
        diagnostics.add(new Diagnostic(problems, pos(node), message));
    }

    /** Always an error, whatever the reader's leniency: the model cannot be represented. */
    void fatal(Node node, String message) {
        diagnostics.add(Diagnostic.error(pos(node), message));
    }

    void warning(Node node, String message) {
        diagnostics.add(Diagnostic.warning(pos(node), message));
    }

    void info(Node node, String message) {
        diagnostics.add(Diagnostic.info(pos(node), message));
    }

    /**
     * The entries of a mapping, keyed as model-index keys are compared: ignoring case, with {@code _} for a space
     * ({@code In Collection}, {@code in_collection}). Two keys that mean the same and non-scalar keys are errors.
     */
    Optional<Entries> mapping(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, what + " must be a mapping of keys to values, found " + describe(node));
            return Optional.empty();
        }
        Entries entries = new Entries();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                error(tuple.getKeyNode(), what + " has a key that is not a plain string");
                continue;
            }
            Entry first = entries.put(key.getValue(), tuple);
            if (first != null) {
                error(key, "duplicate key '" + key.getValue() + "' in " + what + (first.key().equals(key.getValue())
                        ? "" : " (keys are compared ignoring case: '" + first.key() + "' came first)"));
            }
        }
        return Optional.of(entries);
    }

    /** One key of a mapping as written, and its tuple. */
    record Entry(String key, NodeTuple tuple) {
        Node value() {
            return tuple.getValueNode();
        }

        Node keyNode() {
            return tuple.getKeyNode();
        }
    }

    /** A mapping's entries by canonical key ({@link Keys#canonical}), in the order written. */
    static final class Entries {
        private final Map<String, Entry> byKey = new LinkedHashMap<>();

        /** Adds an entry; returns the earlier one with the same canonical key, which is kept. */
        Entry put(String key, NodeTuple tuple) {
            return byKey.putIfAbsent(Keys.canonical(key), new Entry(key, tuple));
        }

        /** The value of a key, empty when it is missing or holds nothing ({@code null}, {@code ~}, empty). */
        Optional<Node> get(String canonicalKey) {
            Entry e = byKey.get(canonicalKey);
            return e == null || isAbsent(e.value()) ? Optional.empty() : Optional.of(e.value());
        }

        Optional<Entry> entry(String canonicalKey) {
            return Optional.ofNullable(byKey.get(canonicalKey));
        }

        boolean has(String canonicalKey) {
            return byKey.containsKey(canonicalKey);
        }

        java.util.Collection<Entry> all() {
            return byKey.values();
        }

        java.util.Set<String> keys() {
            return byKey.keySet();
        }
    }

    /** {@code null}, {@code ~}, an empty value, {@code []} or {@code {}}: model-index's "not given". */
    static boolean isAbsent(Node node) {
        if (node == null) {
            return true;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().isEmpty();
        }
        return node instanceof MappingNode m && m.getValue().isEmpty();
    }

    Optional<List<Node>> sequence(Node node, String what) {
        if (node instanceof SequenceNode seq) {
            return Optional.of(seq.getValue());
        }
        error(node, what + " must be a list, found " + describe(node));
        return Optional.empty();
    }

    /** A single value, trimmed; empty, without a word, when nothing is given ({@code null}, {@code ~}, blank). */
    Optional<String> string(Node node, String what) {
        if (isAbsent(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue().trim());
        }
        error(node, what + " must be a single value, found " + describe(node));
        return Optional.empty();
    }

    /** A list of strings; a single string is accepted as a one-element list. */
    Optional<List<String>> strings(Node node, String what) {
        if (isAbsent(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode) {
            return string(node, what).map(List::of);
        }
        return sequence(node, what).map(items -> {
            List<String> out = new ArrayList<>();
            items.forEach(item -> string(item, "an item of " + what).ifPresent(out::add));
            return out;
        });
    }

    /**
     * A number, written plainly, quoted, or with a trailing percent sign. Long texts and huge exponents are refused
     * before they reach {@link BigDecimal}, whose arithmetic on them is slow ({@code 1e999999999}).
     */
    Optional<BigDecimal> number(Node node, String what) {
        return string(node, what).flatMap(text -> {
            String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
            if (t.length() > MAX_NUMBER_CHARS) {
                error(node, what + " must be a number, found " + describe(node));
                return Optional.empty();
            }
            try {
                BigDecimal n = new BigDecimal(t.replace("_", ""));
                if (n.signum() != 0 && Math.abs((long) n.precision() - n.scale()) > MAX_MAGNITUDE) {
                    error(node, what + " is out of range: " + quote(text));
                    return Optional.empty();
                }
                return Optional.of(n);
            } catch (NumberFormatException e) {
                error(node, what + " must be a number, found " + describe(node));
                return Optional.empty();
            }
        });
    }

    Optional<Double> decimal(Node node, String what) {
        return number(node, what).map(BigDecimal::doubleValue);
    }

    /** A number that is zero or more (rates, decay, momentum). */
    Optional<Double> nonNegative(Node node, String what) {
        return decimal(node, what).filter(d -> {
            if (d >= 0) {
                return true;
            }
            error(node, what + " must not be negative, found " + d);
            return false;
        });
    }

    Optional<Long> integer(Node node, String what) {
        return number(node, what).flatMap(n -> {
            try {
                return Optional.of(n.stripTrailingZeros().longValueExact());
            } catch (ArithmeticException e) {
                error(node, what + " must be a whole number, found " + describe(node));
                return Optional.empty();
            }
        });
    }

    /** A count or size: a whole number above zero. */
    Optional<Long> positiveLong(Node node, String what) {
        return integer(node, what).filter(n -> {
            if (n > 0) {
                return true;
            }
            error(node, what + " must be a positive whole number, found " + n);
            return false;
        });
    }

    Optional<Integer> positiveInt(Node node, String what) {
        return integer(node, what).flatMap(n -> {
            if (n <= 0 || n > Integer.MAX_VALUE) {
                error(node, what + " must be a positive whole number, found " + n);
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        });
    }

    Optional<List<Integer>> positiveInts(Node node, String what) {
        return sequence(node, what).map(items -> {
            List<Integer> out = new ArrayList<>();
            items.forEach(item -> positiveInt(item, "an item of " + what).ifPresent(out::add));
            return out;
        });
    }

    Optional<List<Double>> decimals(Node node, String what) {
        return sequence(node, what).map(items -> {
            List<Double> out = new ArrayList<>();
            items.forEach(item -> decimal(item, "an item of " + what).ifPresent(out::add));
            return out;
        });
    }

    /** An http(s) link (papers, code); anything else is an error. */
    Optional<String> webUrl(Node node, String what) {
        return string(node, what).filter(url -> checkUrl(node, what, url, URL_SCHEMES));
    }

    /** A URL with one of the given schemes; http(s) URLs need a host, file URLs an absolute path. */
    boolean checkUrl(Node node, String what, String url, Set<String> schemes) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !schemes.contains(scheme)) {
                error(node, what + " " + quote(url) + " is not a URL with scheme " + String.join(", ", schemes.stream()
                        .sorted().toList()));
                return false;
            }
            if (scheme.startsWith("http") && (uri.getHost() == null || uri.getHost().isBlank())) {
                error(node, what + " " + quote(url) + " has no host");
                return false;
            }
            if (scheme.equals("file") && (uri.getPath() == null || uri.getPath().isBlank())) {
                error(node, what + " " + quote(url) + " has no path");
                return false;
            }
            return true;
        } catch (URISyntaxException e) {
            error(node, what + " " + quote(url) + " is not a valid URL: " + e.getReason());
            return false;
        }
    }

    /** Plain Java values (String, List, Map) for keys Zoo keeps without interpreting. */
    static Object plain(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(NodeReader::plain).toList();
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                out.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
            }
            return out;
        }
        return String.valueOf(node);
    }

    /** A value as a message shows it: quoted, cut to {@value #MAX_ECHO_CHARS} characters, on one line. */
    static String quote(String value) {
        String shown = value.length() > MAX_ECHO_CHARS ? value.substring(0, MAX_ECHO_CHARS) + "…" : value;
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return quote(scalar.getValue());
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return node == null ? "nothing" : node.getNodeId().toString();
    }
}
