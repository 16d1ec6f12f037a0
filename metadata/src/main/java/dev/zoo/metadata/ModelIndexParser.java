package dev.zoo.metadata;

import static dev.zoo.metadata.NodeReader.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses one paperswithcode model-index file: plain YAML ({@code .yml}, {@code .yaml}) or Markdown whose
 * {@code <!-- ... -->} comment holds a {@code Type: model-index} document. Never throws on bad input: problems come
 * back as diagnostics with file, line and column.
 */
public final class ModelIndexParser {

    private static final Pattern MODEL_INDEX_TYPE =
            Pattern.compile("[ \\t]*Type:[ \\t]*['\"]?model-index['\"]?[ \\t\\r]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Set<String> MODEL_INDEX_KEYS = Set.of("Type", "Models", "Collections", "Import");
    private static final Set<String> WEIGHT_SCHEMES = Set.of("http", "https", "file");
    private static final Set<String> INTERPOLATIONS = Set.of("bilinear", "bicubic", "nearest", "lanczos", "box",
            "hamming");

    /** True when a file of that name is Markdown (model-index inside a comment). */
    public static boolean isMarkdown(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown");
    }

    public ParsedFile parse(String file, String text) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        FileContent content = new FileContent(file, diagnostics);
        Optional<Diagnostic> control = TextScan.firstControlCharacter(file, text);
        if (control.isPresent()) {
            diagnostics.add(control.get());
            return content.result();
        }
        if (!isMarkdown(file)) {
            content.readDocument(text, new YamlSource(file, 0, 0));
        } else {
            boolean found = false;
            for (TextScan.Comment comment : TextScan.htmlComments(text)) {
                if (comment.body().lines().noneMatch(line -> MODEL_INDEX_TYPE.matcher(line).matches())) {
                    continue;
                }
                found = true;
                content.readDocument(comment.body(), new YamlSource(file, comment.line(), comment.column()));
            }
            if (!found) {
                diagnostics.add(Diagnostic.error(SourcePos.ofFile(file),
                        "no <!-- ... --> comment holding a 'Type: model-index' document"));
            }
            content.citation = TextScan.bibtexBlock(text).orElse(null);
        }
        return content.result();
    }

    /**
     * SnakeYAML's own limits sit above {@link YamlGuard}'s, which report the line; the code-point limit matches the
     * catalogue file size limit.
     */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by NodeReader with a position instead
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);   // YamlGuard bounds what aliases expand to
        options.setNestingDepthLimit(YamlGuard.MAX_DEPTH * 2);
        options.setCodePointLimit((int) CatalogLoader.MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** Accumulates the documents of one file. */
    private static final class FileContent {
        private final String file;
        private final List<Diagnostic> diagnostics;
        private final List<Collection> collections = new ArrayList<>();
        private final List<Model> models = new ArrayList<>();
        private final List<ParsedFile.ImportRef> imports = new ArrayList<>();
        private String citation;

        FileContent(String file, List<Diagnostic> diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        ParsedFile result() {
            List<Collection> cs = collections.stream().map(c -> c.citation() != null || citation == null ? c
                    : new Collection(c.name(), c.paper(), c.code(), c.metadata(), c.preprocessing(), c.network(),
                    c.readme(), citation, c.pos(), c.extra())).toList();
            List<Model> ms = models.stream().map(m -> m.citation() != null || citation == null ? m
                    : new Model(m.id(), m.name(), m.collection(), m.metadata(), m.paper(), m.code(), m.weights(),
                    m.sha256(), m.preprocessing(), m.network(), m.results(), m.config(), m.readme(), citation,
                    m.pos(), m.keyPositions(), m.extra())).toList();
            return new ParsedFile(file, cs, ms, imports, diagnostics);
        }

        void readDocument(String yamlText, YamlSource source) {
            Node root;
            try {
                LoaderOptions options = loaderOptions();
                Optional<Diagnostic> refused = YamlGuard.check(yamlText, source, options);
                if (refused.isPresent()) {
                    diagnostics.add(refused.get());
                    return;
                }
                root = new Yaml(options).compose(new java.io.StringReader(yamlText));
            } catch (MarkedYAMLException e) {
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
                diagnostics.add(Diagnostic.error(source.pos(e.getProblemMark()), "YAML syntax: " + problem + context));
                return;
            } catch (YAMLException e) {
                diagnostics.add(Diagnostic.error(SourcePos.ofFile(file), "YAML: " + e.getMessage()));
                return;
            }
            if (root == null) {
                diagnostics.add(Diagnostic.error(SourcePos.ofFile(file), "the model-index document is empty"));
                return;
            }
            NodeReader r = new NodeReader(source, diagnostics);
            if (root instanceof SequenceNode seq) {     // a bare list of models
                seq.getValue().forEach(n -> readModel(r, n));
                return;
            }
            if (!looksLikeModelIndex(root)) {
                // say nothing of its content: an Import may have pointed at a file that is no catalogue
                r.error(root, "not a model-index document: its top level is not a mapping with Models, Collections"
                        + " or Import");
                return;
            }
            r.mapping(root, "the model-index document").ifPresent(top -> top.forEach((key, tuple) -> {
                Node value = tuple.getValueNode();
                switch (key) {
                    case "Type" -> r.string(value, "Type").filter(t -> !t.equals("model-index"))
                            .ifPresent(t -> r.error(value, "Type must be 'model-index', found " + quote(t)));
                    case "Collections" -> r.sequence(value, "Collections").ifPresent(l -> l.forEach(
                            n -> readCollection(r, n)));
                    case "Models" -> r.sequence(value, "Models").ifPresent(l -> l.forEach(n -> readModel(r, n)));
                    case "Import" -> readImports(r, value);
                    default -> r.info(tuple.getKeyNode(), "unknown top-level key " + quote(key) + " ignored");
                }
            }));
        }

        private void readImports(NodeReader r, Node value) {
            List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
            for (Node item : items) {
                r.string(item, "an Import").ifPresent(p -> imports.add(new ParsedFile.ImportRef(p, r.pos(item))));
            }
        }

        private static boolean looksLikeModelIndex(Node root) {
            return root instanceof MappingNode mapping && mapping.getValue().stream()
                    .map(NodeTuple::getKeyNode)
                    .anyMatch(k -> k instanceof ScalarNode key && MODEL_INDEX_KEYS.contains(key.getValue()));
        }

        private void readCollection(NodeReader r, Node node) {
            r.mapping(node, "a collection").ifPresent(entries -> {
                String name = null;
                Paper paper = null;
                CodeLink code = null;
                ModelMetadata metadata = null;
                Preprocessing preprocessing = null;
                DeclaredNetwork network = null;
                String readme = null;
                Map<String, Object> extra = new LinkedHashMap<>();
                for (var e : entries.entrySet()) {
                    Node v = e.getValue().getValueNode();
                    switch (e.getKey()) {
                        case "Name" -> name = r.string(v, "Collection Name").orElse(null);
                        case "Paper" -> paper = readPaper(r, v);
                        case "Code" -> code = readCode(r, v);
                        case "Metadata" -> metadata = readMetadata(r, v, new HashMap<>());
                        case "README" -> readme = r.string(v, "README").orElse(null);
                        case "Preprocessing" -> preprocessing = readPreprocessing(r, v);
                        case "Network" -> network = readNetwork(r, v);
                        default -> keepUnknown(r, e.getValue(), "collection", extra);
                    }
                }
                if (name == null && !entries.containsKey("Name")) {
                    r.error(node, "collection without a Name");
                }
                if (name != null) {
                    collections.add(new Collection(name, paper, code, metadata, preprocessing, network, readme, null,
                            r.pos(node), extra));
                }
            });
        }

        private void readModel(NodeReader r, Node node) {
            r.mapping(node, "a model").ifPresent(entries -> {
                Map<String, SourcePos> positions = new HashMap<>();
                Map<String, Object> extra = new LinkedHashMap<>();
                String name = null;
                String collection = null;
                ModelMetadata metadata = ModelMetadata.EMPTY;
                Paper paper = null;
                CodeLink code = null;
                String weights = null;
                String sha = null;
                Preprocessing preprocessing = null;
                DeclaredNetwork network = null;
                List<Result> results = new ArrayList<>();
                String config = null;
                String readme = null;
                for (var e : entries.entrySet()) {
                    Node v = e.getValue().getValueNode();
                    positions.put(e.getKey(), r.pos(v));
                    switch (e.getKey()) {
                        case "Name" -> name = r.string(v, "Name").orElse(null);
                        case "In Collection" -> collection = r.string(v, "In Collection").orElse(null);
                        case "Metadata" -> metadata = readMetadata(r, v, positions);
                        case "Paper" -> paper = readPaper(r, v);
                        case "Code" -> code = readCode(r, v);
                        case "Weights" -> weights = r.string(v, "Weights").filter(
                                u -> r.checkUrl(v, "Weights", u, WEIGHT_SCHEMES)).orElse(null);
                        case "SHA256" -> sha = r.string(v, "SHA256").filter(s -> {
                            if (SHA256.matcher(s).matches()) {
                                return true;
                            }
                            r.error(v, "SHA256 must be 64 hexadecimal digits, found " + quote(s));
                            return false;
                        }).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
                        case "Results" -> r.sequence(v, "Results").ifPresent(
                                l -> l.forEach(n -> readResult(r, n).ifPresent(results::add)));
                        case "Preprocessing" -> preprocessing = readPreprocessing(r, v);
                        case "Network" -> network = readNetwork(r, v);
                        case "Config" -> config = r.string(v, "Config").orElse(null);
                        case "README" -> readme = r.string(v, "README").orElse(null);
                        default -> keepUnknown(r, e.getValue(), "model", extra);
                    }
                }
                if (name == null) {
                    if (!entries.containsKey("Name")) {
                        r.error(node, "model without a Name");
                    }
                    return;
                }
                String id = metadata.id();
                if (id == null) {
                    if (!positions.containsKey("Metadata.ID")) {
                        r.warning(node, "model " + quote(name) + " has no Metadata.ID; its Name is used as ID");
                    }
                    id = name;
                }
                if (!SAFE_ID.matcher(id).matches()) {
                    diagnostics.add(Diagnostic.error(positions.getOrDefault("Metadata.ID", r.pos(node)),
                            "ID " + quote(id) + " must start with a letter or digit and hold only letters, digits "
                                    + "and . _ + -"));
                    return;
                }
                models.add(new Model(id, name, collection, metadata, paper, code, weights, sha, preprocessing,
                        network, results, config, readme, null, r.pos(node), positions, extra));
            });
        }

        private void keepUnknown(NodeReader r, NodeTuple tuple, String where, Map<String, Object> extra) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            extra.put(key, NodeReader.plain(tuple.getValueNode()));
            r.info(tuple.getKeyNode(), "unknown " + where + " key " + quote(key) + " kept as it is");
        }

        private Paper readPaper(NodeReader r, Node v) {
            if (v instanceof ScalarNode) {
                return r.webUrl(v, "Paper URL").map(u -> new Paper(null, u)).orElse(null);
            }
            return r.mapping(v, "Paper").map(m -> {
                String title = m.containsKey("Title") ? r.string(m.get("Title").getValueNode(), "Paper Title")
                        .orElse(null) : null;
                String url = m.containsKey("URL") ? r.webUrl(m.get("URL").getValueNode(), "Paper URL")
                        .orElse(null) : null;
                m.keySet().stream().filter(k -> !k.equals("Title") && !k.equals("URL"))
                        .forEach(k -> r.info(m.get(k).getKeyNode(), "unknown Paper key " + quote(k) + " ignored"));
                return title == null && url == null ? null : new Paper(title, url);
            }).orElse(null);
        }

        private CodeLink readCode(NodeReader r, Node v) {
            if (v instanceof ScalarNode) {
                return r.webUrl(v, "Code").map(u -> new CodeLink(u, null)).orElse(null);
            }
            return r.mapping(v, "Code").map(m -> {
                String url = m.containsKey("URL") ? r.webUrl(m.get("URL").getValueNode(), "Code URL")
                        .orElse(null) : null;
                String version = m.containsKey("Version") ? r.string(m.get("Version").getValueNode(), "Code Version")
                        .orElse(null) : null;
                return url == null ? null : new CodeLink(url, version);
            }).orElse(null);
        }

        private Optional<Result> readResult(NodeReader r, Node node) {
            return r.mapping(node, "a result").map(m -> {
                String task = get(m, "Task").flatMap(n -> r.string(n, "Task")).orElse(null);
                String dataset = get(m, "Dataset").flatMap(n -> r.string(n, "Dataset")).orElse(null);
                if (!m.containsKey("Dataset")) {
                    r.error(node, "result without a Dataset");
                }
                List<Metric> metrics = new ArrayList<>();
                get(m, "Metrics").flatMap(n -> r.mapping(n, "Metrics")).ifPresent(ms -> ms.forEach((name, t) -> {
                    Node value = t.getValueNode();
                    r.number(value, "metric " + quote(name)).filter(n -> metricInRange(r, value, name, n))
                            .ifPresent(n -> metrics.add(new Metric(name, n.doubleValue(),
                                    ((ScalarNode) value).getValue())));
                }));
                if (!m.containsKey("Metrics")) {
                    r.error(node, "result without Metrics");
                }
                return new Result(task, dataset, metrics, r.pos(node));
            });
        }

        /** Accuracies are percentages (timm writes {@code 80.37%} or {@code 80.37}); nothing else is bounded. */
        private static boolean metricInRange(NodeReader r, Node value, String name, BigDecimal n) {
            boolean accuracy = name.toLowerCase(Locale.ROOT).contains("accuracy");
            if (accuracy && (n.signum() < 0 || n.compareTo(HUNDRED) > 0)) {
                r.error(value, "metric " + quote(name) + " is a percentage from 0 to 100, found "
                        + n.toPlainString());
                return false;
            }
            return true;
        }

        private static Optional<Node> get(Map<String, NodeTuple> m, String key) {
            return Optional.ofNullable(m.get(key)).map(NodeTuple::getValueNode);
        }

        private ModelMetadata readMetadata(NodeReader r, Node node, Map<String, SourcePos> positions) {
            return r.mapping(node, "Metadata").map(m -> {
                MetadataBuilder b = new MetadataBuilder();
                for (var e : m.entrySet()) {
                    String key = e.getKey();
                    Node v = e.getValue().getValueNode();
                    positions.put("Metadata." + key, r.pos(v));
                    String what = "Metadata." + key;
                    switch (key) {
                        case "FLOPs" -> b.flops = r.positiveLong(v, what).orElse(null);
                        case "Parameters" -> b.parameters = r.positiveLong(v, what).orElse(null);
                        case "File Size" -> b.fileSize = r.positiveLong(v, what).orElse(null);
                        case "Architecture" -> b.architecture = r.strings(v, what).orElse(null);
                        case "Tasks" -> b.tasks = r.strings(v, what).orElse(null);
                        case "Training Techniques" -> b.trainingTechniques = r.strings(v, what).orElse(null);
                        case "Training Data" -> b.trainingData = r.strings(v, what).orElse(null);
                        case "Training Resources" -> b.trainingResources = r.string(v, what).orElse(null);
                        case "ID" -> b.id = r.string(v, what).orElse(null);
                        case "LR" -> b.lr = r.nonNegative(v, what).orElse(null);
                        case "Epochs" -> b.epochs = r.positiveInt(v, what).orElse(null);
                        case "Layers" -> b.layers = r.positiveInt(v, what).orElse(null);
                        case "Crop Pct" -> b.cropPct = r.decimal(v, what).filter(c -> {
                            if (c > 0 && c <= 1) {
                                return true;
                            }
                            r.error(v, "Crop Pct must be in (0, 1], found " + c);
                            return false;
                        }).orElse(null);
                        case "Momentum" -> b.momentum = r.nonNegative(v, what).orElse(null);
                        case "Batch Size" -> b.batchSize = r.positiveInt(v, what).orElse(null);
                        case "Image Size" -> b.imageSize = r.positiveInt(v, what).orElse(null);
                        case "Weight Decay" -> b.weightDecay = r.nonNegative(v, what).orElse(null);
                        case "Interpolation" -> b.interpolation = r.string(v, what).map(s -> {
                            String lower = s.toLowerCase(Locale.ROOT);
                            if (!INTERPOLATIONS.contains(lower)) {
                                r.warning(v, "Interpolation " + quote(s) + " is not one of " + INTERPOLATIONS.stream()
                                        .sorted().toList());
                            }
                            return lower;
                        }).orElse(null);
                        default -> keepUnknown(r, e.getValue(), "Metadata", b.extra);
                    }
                }
                return b.build();
            }).orElse(ModelMetadata.EMPTY);
        }

        private Preprocessing readPreprocessing(NodeReader r, Node node) {
            return r.mapping(node, "Preprocessing").map(m -> {
                List<Double> mean = get(m, "Mean").flatMap(n -> r.decimals(n, "Preprocessing.Mean")
                        .filter(l -> checkThree(r, n, "Preprocessing.Mean", l, false))).orElse(null);
                List<Double> std = get(m, "Std").flatMap(n -> r.decimals(n, "Preprocessing.Std")
                        .filter(l -> checkThree(r, n, "Preprocessing.Std", l, true))).orElse(null);
                ResizeMode mode = get(m, "Resize Mode").flatMap(n -> r.string(n, "Preprocessing.Resize Mode")
                        .flatMap(s -> {
                            Optional<ResizeMode> parsed = ResizeMode.parse(s);
                            if (parsed.isEmpty()) {
                                r.error(n, "Preprocessing.Resize Mode must be 'crop' or 'squash', found " + quote(s));
                            }
                            return parsed;
                        })).orElse(null);
                m.keySet().stream().filter(k -> !Set.of("Mean", "Std", "Resize Mode").contains(k))
                        .forEach(k -> r.error(m.get(k).getKeyNode(),
                                "unknown Preprocessing key " + quote(k) + " (known: Mean, Std, Resize Mode)"));
                return new Preprocessing(mean, std, mode);
            }).orElse(null);
        }

        private static boolean checkThree(NodeReader r, Node n, String what, List<Double> values, boolean positive) {
            if (values.size() != 3) {
                r.error(n, what + " must list 3 numbers (R, G, B), found " + values.size());
                return false;
            }
            if (positive && values.stream().anyMatch(d -> d <= 0)) {
                r.error(n, what + " values must be positive");
                return false;
            }
            return true;
        }

        /**
         * {@code Network}: {@code Format} (npz, torchscript, onnx; npz when a ResNetV2 is described) and, for npz,
         * the ResNetV2 (Block Units, Width Factor, Stem Width, Norm Groups, Classes). TorchScript and ONNX files
         * carry their own architecture, so those keys are errors beside them.
         */
        private DeclaredNetwork readNetwork(NodeReader r, Node node) {
            return r.mapping(node, "Network").flatMap(m -> {
                Optional<ModelFormat> declared = get(m, "Format").flatMap(n -> r.string(n, "Network.Format")
                        .flatMap(s -> {
                            Optional<ModelFormat> f = ModelFormat.parse(s);
                            if (f.isEmpty()) {
                                r.error(n, "Network.Format must be npz, torchscript or onnx, found " + quote(s));
                            }
                            return f;
                        }));
                if (m.containsKey("Format") && declared.isEmpty()) {
                    return Optional.empty();
                }
                ModelFormat format = declared.orElse(ModelFormat.NPZ);
                if (format != ModelFormat.NPZ) {
                    m.keySet().stream().filter(k -> !k.equals("Format")).forEach(k -> r.error(m.get(k).getKeyNode(),
                            "Network." + k + " describes a BiT ResNetV2 (Format npz); " + format.withArticle()
                                    + " file carries its own architecture (its classes are read from its output)"));
                    return Optional.of(new DeclaredNetwork(format, null));
                }
                return readResNet(r, node, m).map(DeclaredNetwork::of);
            }).orElse(null);
        }

        private Optional<NetworkSpec> readResNet(NodeReader r, Node node, Map<String, NodeTuple> m) {
            String family = get(m, "Family").flatMap(n -> r.string(n, "Network.Family"))
                    .map(s -> s.toLowerCase(Locale.ROOT)).orElse(NetworkSpec.RESNETV2);
            if (!family.equals(NetworkSpec.RESNETV2)) {
                r.warning(m.get("Family").getValueNode(), "Network.Family '" + family
                        + "' is not one Zoo can build from an .npz (known: resnetv2)");
            }
            Optional<List<Integer>> units = get(m, "Block Units").flatMap(n -> r.positiveInts(n,
                    "Network.Block Units").filter(u -> NetworkLimits.checkUnits(r, n, u)));
            if (!m.containsKey("Block Units")) {
                r.error(node, "Network needs Block Units, e.g. [3, 4, 6, 3] (or Format: torchscript / onnx)");
            }
            int width = bounded(r, m, "Width Factor", 1, NetworkLimits.MAX_WIDTH_FACTOR);
            int stem = bounded(r, m, "Stem Width", 64, NetworkLimits.MAX_STEM_WIDTH);
            int groups = bounded(r, m, "Norm Groups", 32, NetworkLimits.MAX_STEM_WIDTH);
            int classes = bounded(r, m, "Classes", 1000, NetworkLimits.MAX_CLASSES);
            m.keySet().stream().filter(k -> !Set.of("Format", "Family", "Block Units", "Width Factor", "Stem Width",
                    "Norm Groups", "Classes").contains(k)).forEach(k -> r.error(m.get(k).getKeyNode(),
                    "unknown Network key " + quote(k) + " (known: Format, Family, Block Units, Width Factor, "
                            + "Stem Width, Norm Groups, Classes)"));
            if ((stem * width) % groups != 0) {
                r.error(node, "Network: Norm Groups (" + groups + ") must divide the stem width x width factor ("
                        + stem * width + ")");
                return Optional.empty();
            }
            return units.filter(u -> !u.isEmpty()).map(u -> new NetworkSpec(family, u, width, stem, groups,
                    classes)).filter(spec -> NetworkLimits.checkSize(r, node, spec));
        }

        private static int bounded(NodeReader r, Map<String, NodeTuple> m, String key, int absent, int max) {
            return get(m, key).flatMap(n -> r.positiveInt(n, "Network." + key).filter(v -> {
                if (v <= max) {
                    return true;
                }
                r.error(n, "Network." + key + " must be at most " + max + ", found " + v);
                return false;
            })).orElse(absent);
        }
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
