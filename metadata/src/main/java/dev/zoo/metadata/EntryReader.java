package dev.zoo.metadata;

import static dev.zoo.metadata.NodeReader.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The fields of one model or collection (the format gives both the same fields). What decides what Zoo downloads and
 * how it evaluates (Name and ID, Weights, SHA256, File Size, Image Size, Crop Pct, Preprocessing, Network) must be
 * readable, or the entry is left out; what Zoo only shows (paper, code, training facts, claims) is read leniently: a
 * value it cannot read is a warning and left out.
 */
final class EntryReader {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** arXiv identifiers, new style ({@code 1912.11370v3}), optionally written {@code arXiv:…}. */
    private static final Pattern ARXIV = Pattern.compile("(?i)(?:arxiv:)?(\\d{4}\\.\\d{4,5}(?:v\\d+)?)");
    private static final Set<String> WEIGHT_SCHEMES = Set.of("http", "https", "file");
    /** Zoo's spelling of the keys it knows, by canonical key (for positions and messages). */
    private static final Map<String, String> ENTRY_KEYS = names("Name", "In Collection", "Metadata", "Results",
            "Paper", "Code", "Weights", "Config", "README", "Image", "SHA256", "Preprocessing", "Network");
    private static final Map<String, String> METADATA_KEYS = names("FLOPs", "Parameters", "File Size",
            "Architecture", "Tasks", "Training Techniques", "Training Data", "Training Resources", "ID", "LR",
            "Epochs", "Layers", "Crop Pct", "Momentum", "Batch Size", "Image Size", "Weight Decay", "Interpolation");

    /** Reads what a model's or collection's field names in another file. */
    interface Referrer {
        /**
         * Hands {@code read} the root of each document of the files {@code pattern} names (while they are being read,
         * so that a file referring back to itself is caught); returns how many.
         */
        int follow(NodeReader r, Node at, String pattern, String what, java.util.function.Consumer<Root> read);
    }

    /** A document's root node and the reader that reports against its file. */
    record Root(NodeReader reader, Node node) {
    }

    /** What one entry says, before it becomes a {@link Model} or {@link Collection}. */
    static final class Fields {
        String name;
        List<String> collections = List.of();
        ModelMetadata metadata = ModelMetadata.EMPTY;
        Paper paper;
        CodeLink code;
        String weights;
        String sha256;
        Preprocessing preprocessing;
        DeclaredNetwork network;
        final List<Result> results = new ArrayList<>();
        String config;
        String readme;
        String image;
        final Map<String, SourcePos> positions = new HashMap<>();
        final Map<String, Object> extra = new LinkedHashMap<>();
    }

    private final Referrer referrer;

    EntryReader(Referrer referrer) {
        this.referrer = referrer;
    }

    private static Map<String, String> names(String... keys) {
        Map<String, String> out = new HashMap<>();
        for (String k : keys) {
            out.put(Keys.canonical(k), k);
        }
        return out;
    }

    /** Every field of an entry mapping; {@code what} is "model" or "collection". */
    Fields read(NodeReader r, NodeReader.Entries entries, String what) {
        Fields f = new Fields();
        NodeReader lenient = r.lenient();
        for (NodeReader.Entry e : entries.all()) {
            String key = Keys.canonical(e.key());
            Node v = e.value();
            f.positions.put(ENTRY_KEYS.getOrDefault(key, e.key()), r.pos(v));
            boolean absent = NodeReader.isAbsent(v);
            switch (key) {
                case "name" -> f.name = absent ? null : r.string(v, "Name").orElse(null);
                case "in collection" -> f.collections = absent ? List.of()
                        : r.strings(v, "In Collection").orElse(List.of());
                case "metadata" -> {
                    if (!absent) {
                        f.metadata = metadataOf(r, v, f.positions);
                    }
                }
                case "results" -> {
                    if (!absent) {
                        results(lenient, v, f.results);
                    }
                }
                case "paper" -> f.paper = absent ? null : paper(lenient, v);
                case "code" -> f.code = absent ? null : code(lenient, v);
                case "weights" -> f.weights = absent ? null : r.string(v, "Weights")
                        .filter(u -> r.checkUrl(v, "Weights", u, WEIGHT_SCHEMES)).orElse(null);
                case "sha256" -> f.sha256 = absent ? null : r.string(v, "SHA256").filter(s -> {
                    if (SHA256.matcher(s).matches()) {
                        return true;
                    }
                    r.error(v, "SHA256 must be 64 hexadecimal digits, found " + quote(s));
                    return false;
                }).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
                case "config" -> f.config = absent ? null : lenient.string(v, "Config").orElse(null);
                case "readme" -> f.readme = absent ? null : lenient.string(v, "README").orElse(null);
                case "image" -> f.image = absent ? null : lenient.string(v, "Image").orElse(null);
                case "preprocessing" -> f.preprocessing = absent ? null : ExtensionsReader.preprocessing(r, v);
                case "network" -> f.network = absent ? null : ExtensionsReader.network(r, v);
                default -> {
                    f.extra.put(e.key(), NodeReader.plain(v));
                    r.info(e.keyNode(), "unknown " + what + " key " + quote(e.key()) + " kept as it is");
                }
            }
        }
        return f;
    }

    /** {@code Metadata}: a mapping, or the path of a file holding one. */
    private ModelMetadata metadataOf(NodeReader r, Node v, Map<String, SourcePos> positions) {
        if (v instanceof ScalarNode) {
            String pattern = r.string(v, "Metadata").orElse("");
            List<ModelMetadata> found = new ArrayList<>();
            int files = referrer.follow(r, v, pattern, "Metadata", root -> found.add(metadata(root.reader(),
                    root.node(), positions)));
            if (files > 1) {
                r.warning(v, "Metadata " + quote(pattern) + " names " + files + " files; the first is used");
            }
            return found.isEmpty() ? ModelMetadata.EMPTY : found.get(0);
        }
        return metadata(r, v, positions);
    }

    /**
     * A {@code Metadata} block. {@code File Size}, {@code Image Size} and {@code Crop Pct} decide what is downloaded and
     * evaluated: unreadable, they are errors. The rest is shown only: unreadable, a warning.
     */
    ModelMetadata metadata(NodeReader r, Node node, Map<String, SourcePos> positions) {
        Optional<java.util.Collection<NodeReader.Entry>> entries = node instanceof SequenceNode seq
                ? Optional.of(mergedItems(r, seq)) : r.mapping(node, "Metadata").map(NodeReader.Entries::all);
        return entries.map(all -> metadata(r, all, positions)).orElse(ModelMetadata.EMPTY);
    }

    /**
     * A {@code Metadata} list of mappings ({@code - Training Data: ImageNet}, then more keys or items) is one mapping,
     * merged as the model-index library merges such a list: item after item, a later value of a key replacing an
     * earlier one. Two items that give a key different values are warned about (the later one is taken).
     */
    private static java.util.Collection<NodeReader.Entry> mergedItems(NodeReader r, SequenceNode seq) {
        Map<String, NodeReader.Entry> merged = new LinkedHashMap<>();
        for (Node item : seq.getValue()) {
            if (NodeReader.isAbsent(item)) {
                continue;
            }
            r.mapping(item, "a Metadata item").ifPresent(m -> m.all().forEach(e -> {
                String key = Keys.canonical(e.key());
                NodeReader.Entry before = merged.remove(key);
                if (before != null && !java.util.Objects.equals(NodeReader.plain(before.value()),
                        NodeReader.plain(e.value()))) {
                    r.warning(e.keyNode(), "Metadata items give " + quote(e.key()) + " twice, "
                            + NodeReader.describe(before.value()) + " (line " + r.pos(before.keyNode()).line()
                            + ") and " + NodeReader.describe(e.value()) + ": the later is taken, as the model-index "
                            + "library merges a Metadata list");
                }
                merged.put(key, e);
            }));
        }
        return merged.values();
    }

    private ModelMetadata metadata(NodeReader r, java.util.Collection<NodeReader.Entry> all,
                                   Map<String, SourcePos> positions) {
        NodeReader w = r.lenient();
        MetadataBuilder b = new MetadataBuilder();
        for (NodeReader.Entry e : all) {
            String key = Keys.canonical(e.key());
            Node v = e.value();
            String label = METADATA_KEYS.getOrDefault(key, e.key());
            positions.put("Metadata." + label, r.pos(v));
            String what = "Metadata." + label;
            if (NodeReader.isAbsent(v)) {
                continue;
            }
            switch (key) {
                case "flops" -> b.flops = w.positiveLong(v, what).orElse(null);
                case "parameters" -> b.parameters = w.positiveLong(v, what).orElse(null);
                case "file size" -> b.fileSize = r.positiveLong(v, what).orElse(null);
                case "architecture" -> b.architecture = w.strings(v, what).orElse(null);
                case "tasks" -> b.tasks = w.strings(v, what).orElse(null);
                case "training techniques" -> b.trainingTechniques = w.strings(v, what).orElse(null);
                case "training data" -> b.trainingData = w.strings(v, what).orElse(null);
                case "training resources" -> b.trainingResources = w.string(v, what).orElse(null);
                case "id" -> b.id = r.string(v, what).orElse(null);
                case "lr" -> b.lr = w.nonNegative(v, what).orElse(null);
                case "epochs" -> b.epochs = w.positiveInt(v, what).orElse(null);
                case "layers" -> b.layers = w.positiveInt(v, what).orElse(null);
                case "crop pct" -> b.cropPct = r.decimal(v, what).filter(c -> {
                    if (c > 0 && c <= 1) {
                        return true;
                    }
                    r.error(v, "Crop Pct must be in (0, 1], found " + c);
                    return false;
                }).orElse(null);
                case "momentum" -> b.momentum = w.nonNegative(v, what).orElse(null);
                case "batch size" -> b.batchSize = w.positiveInt(v, what).orElse(null);
                case "image size" -> b.imageSize = r.positiveInt(v, what).orElse(null);
                case "weight decay" -> b.weightDecay = w.nonNegative(v, what).orElse(null);
                case "interpolation" -> b.interpolation = r.string(v, what).map(s -> {
                    String lower = s.toLowerCase(Locale.ROOT);
                    if (!EvalRecipe.FILTERS.contains(lower)) {
                        r.warning(v, "Interpolation " + quote(s) + " is not one of " + EvalRecipe.FILTERS.stream()
                                .sorted().toList());
                    }
                    return lower;
                }).orElse(null);
                default -> {
                    b.extra.put(e.key(), NodeReader.plain(v));
                    r.info(e.keyNode(), "unknown Metadata key " + quote(e.key()) + " kept as it is");
                }
            }
        }
        return b.build();
    }

    /**
     * {@code Results}: a list (of results, or of paths to results files), one result mapping, or a path or glob of
     * results files. {@code r} is lenient: a claim Zoo cannot read is left out with a warning.
     */
    void results(NodeReader r, Node v, List<Result> into) {
        if (v instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode && !NodeReader.isAbsent(item)) {
                    resultsFile(r, item, into);
                } else if (!NodeReader.isAbsent(item)) {
                    ClaimsReader.result(r, item).ifPresent(into::add);
                }
            }
        } else if (v instanceof ScalarNode) {
            resultsFile(r, v, into);
        } else if (v instanceof MappingNode) {
            ClaimsReader.result(r, v).ifPresent(into::add);
        }
    }

    /** A results file: a list of results, a mapping with {@code Results}, or one result. */
    private void resultsFile(NodeReader r, Node at, List<Result> into) {
        String pattern = r.string(at, "Results").orElse("");
        referrer.follow(r, at, pattern, "Results", root -> {
            NodeReader fr = root.reader().lenient();
            Node node = root.node();
            if (node instanceof MappingNode) {
                Optional<Node> inner = fr.mapping(node, "a results file").flatMap(m -> m.get("results"));
                if (inner.isPresent()) {
                    node = inner.get();
                }
            }
            if (node instanceof ScalarNode) {
                fr.error(node, "a results file must hold results, found " + NodeReader.describe(node));
            } else {
                results(fr, node, into);
            }
        });
    }

    /** {@code Paper}: a URL, an arXiv identifier, or {@code {Title, URL}}. */
    private static Paper paper(NodeReader r, Node v) {
        if (v instanceof ScalarNode) {
            return r.string(v, "Paper").flatMap(s -> paperUrl(r, v, s)).map(u -> new Paper(null, u)).orElse(null);
        }
        return r.mapping(v, "Paper").map(m -> {
            String title = m.get("title").flatMap(n -> r.string(n, "Paper Title")).orElse(null);
            String url = m.get("url").flatMap(n -> r.string(n, "Paper URL").flatMap(s -> paperUrl(r, n, s)))
                    .orElse(null);
            m.all().stream().filter(e -> !Set.of("title", "url").contains(Keys.canonical(e.key())))
                    .forEach(e -> r.info(e.keyNode(), "unknown Paper key " + quote(e.key()) + " ignored"));
            return title == null && url == null ? null : new Paper(title, url);
        }).orElse(null);
    }

    private static Optional<String> paperUrl(NodeReader r, Node n, String text) {
        var arxiv = ARXIV.matcher(text);
        if (arxiv.matches()) {
            return Optional.of("https://arxiv.org/abs/" + arxiv.group(1));
        }
        if (!text.contains("://")) {
            r.error(n, "Paper " + quote(text) + " is neither a URL nor an arXiv identifier; left out");
            return Optional.empty();
        }
        return r.webUrl(n, "Paper URL");
    }

    /** {@code Code}: a URL or {@code {URL, Version}}; a code link without a URL is none. */
    private static CodeLink code(NodeReader r, Node v) {
        if (v instanceof ScalarNode) {
            return r.webUrl(v, "Code").map(u -> new CodeLink(u, null)).orElse(null);
        }
        return r.mapping(v, "Code").map(m -> {
            String url = m.get("url").flatMap(n -> r.webUrl(n, "Code URL")).orElse(null);
            String version = m.get("version").flatMap(n -> r.string(n, "Code Version")).orElse(null);
            return url == null ? null : new CodeLink(url, version);
        }).orElse(null);
    }

    /** Mutable holder while one Metadata block is read. */
    private static final class MetadataBuilder {
        Long flops;
        Long parameters;
        Long fileSize;
        List<String> architecture;
        List<String> tasks;
        List<String> trainingTechniques;
        List<String> trainingData;
        String trainingResources;
        String id;
        Double lr;
        Integer epochs;
        Integer layers;
        Double cropPct;
        Double momentum;
        Integer batchSize;
        Integer imageSize;
        Double weightDecay;
        String interpolation;
        final Map<String, Object> extra = new LinkedHashMap<>();

        ModelMetadata build() {
            return new ModelMetadata(flops, parameters, fileSize, architecture, tasks, trainingTechniques,
                    trainingData, trainingResources, id, lr, epochs, layers, cropPct, momentum, batchSize, imageSize,
                    weightDecay, interpolation, extra);
        }
    }
}
