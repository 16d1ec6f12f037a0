package dev.zoo.metadata;

import static dev.zoo.metadata.NodeReader.quote;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses one paperswithcode model-index file as the format's reference library reads it: YAML ({@code .yml},
 * {@code .yaml}), JSON, or Markdown ({@code .md}, {@code .mdx}) whose {@code <!-- ... -->} comments hold the index
 * (with {@code Type: model-index}, or, when none says so, any comment that reads as one) or whose front matter is a
 * Hugging Face model card's {@code model-index}. Nothing else of a Markdown body is ever read as YAML.
 *
 * <p>Keys are compared ignoring case ({@code _} for a space); {@code null}, {@code ~} and empty values mean "not
 * given". {@code Models}, {@code Collections}, {@code Metadata} and {@code Results} may each name a file (or a glob of
 * files) instead of holding the values, read through {@link References}. A model or collection Zoo cannot represent is
 * left out ({@link Skipped}) and costs only itself. Never throws on bad input: problems come back as diagnostics with
 * file, line and column.
 */
public final class ModelIndexParser {

    private static final Pattern MODEL_INDEX_TYPE =
            Pattern.compile("(?i)[ \\t]*Type:[ \\t]*['\"]?model-?index['\"]?[ \\t\\r]*");
    /** Files referring to files referring to files: deeper than this is a loop or a mistake. */
    static final int MAX_REFERENCE_DEPTH = 4;
    private static final Set<String> INDEX_KEYS = Set.of("models", "collections", "import", "library");
    private static final Set<String> MODEL_KEYS = Set.of("paper", "code", "weights", "config", "readme", "metadata",
            "results", "in collection", "image", "sha256", "network", "preprocessing");
    private static final Set<String> TOP_KEYS = Set.of("models", "collections", "import", "library", "name",
            "- name");
    static final String NO_MODEL_INDEX = "no model-index in a <!-- ... --> comment or in the front matter";
    private static final String NOT_AN_INDEX = "not a model-index document: its top level is not a mapping with "
            + "Models, Collections or Import";

    /** True when a file of that name is Markdown (model-index inside a comment or the front matter). */
    public static boolean isMarkdown(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".mdx") || lower.endsWith(".markdown");
    }

    /** A file whose references ({@code Models: other.yml}) cannot be followed. */
    public ParsedFile parse(String file, String text) {
        return parse(file, text, References.NONE);
    }

    public ParsedFile parse(String file, String text, References references) {
        Parse parse = new Parse(file, references);
        parse.top(text);
        return parse.result();
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

    /**
     * One YAML document of a file: the whole of a YAML or JSON file, or one comment or the front matter of a Markdown
     * file. A tentative document (a comment without {@code Type: model-index}, a front matter) is read only when it
     * turns out to be a model-index; otherwise it is someone else's and ignored without a word.
     */
    private record Doc(String yaml, YamlSource source, boolean tentative, boolean frontMatter) {
    }

    /** The documents of a file, and the BibTeX citation of a Markdown file (null if none). */
    private record Docs(List<Doc> docs, String citation) {

        static Docs of(String file, String text) {
            if (!isMarkdown(file)) {
                // JSON is YAML but for tabs, which JSON only allows between tokens (never inside a string)
                String yaml = file.toLowerCase(Locale.ROOT).endsWith(".json") ? text.replace('\t', ' ') : text;
                return new Docs(List.of(new Doc(yaml, new YamlSource(file, 0, 0), false, false)), null);
            }
            List<Doc> docs = new ArrayList<>();
            TextScan.frontMatter(text).ifPresent(fm -> docs.add(new Doc(fm, new YamlSource(file, 1, 0), true, true)));
            List<TextScan.Comment> comments = TextScan.htmlComments(text);
            boolean typed = comments.stream().anyMatch(Docs::typed);
            for (TextScan.Comment c : comments) {
                if (typed ? typed(c) : mayBeIndex(c)) {
                    docs.add(new Doc(c.body(), new YamlSource(file, c.line(), c.column()), !typed, false));
                }
            }
            return new Docs(docs, TextScan.bibtexBlock(text).orElse(null));
        }

        private static boolean typed(TextScan.Comment c) {
            return c.body().lines().anyMatch(line -> MODEL_INDEX_TYPE.matcher(line).matches());
        }

        /** Worth composing as YAML: a line opens with a key a model-index starts with (a cheap, linear look). */
        private static boolean mayBeIndex(TextScan.Comment c) {
            return c.body().lines().anyMatch(line -> {
                String t = line.stripLeading();
                int colon = t.indexOf(':');
                return colon > 0 && colon < 20 && TOP_KEYS.contains(Keys.canonical(t.substring(0, colon)));
            });
        }
    }

    /** The reading of one file given to the parser, and of every file its fields refer to. */
    private static final class Parse implements EntryReader.Referrer {
        private final String file;
        private final References references;
        private final EntryReader entries = new EntryReader(this);
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<Collection> collections = new ArrayList<>();
        private final List<Model> models = new ArrayList<>();
        private final List<ParsedFile.ImportRef> imports = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        /** The files being read, innermost first: a reference to one of them is a loop. */
        private final Deque<String> open = new ArrayDeque<>();
        private final Map<String, String> citations = new HashMap<>();
        private final Map<String, Library> libraries = new HashMap<>();

        Parse(String file, References references) {
            this.file = file;
            this.references = references;
        }

        ParsedFile result() {
            return new ParsedFile(file, collections, models, imports, diagnostics, skipped);
        }

        void top(String text) {
            List<Diagnostic> found = new ArrayList<>();
            int read = readFile(file, text, found, (reader, root) -> index(reader, root));
            diagnostics.addAll(found);
            if (read == 0 && isMarkdown(file) && found.stream().noneMatch(Diagnostic::isError)) {
                found.add(Diagnostic.error(SourcePos.ofFile(file), NO_MODEL_INDEX));
                diagnostics.add(found.get(found.size() - 1));
            }
            List<Diagnostic> fileErrors = found.stream().filter(Diagnostic::isError).toList();
            if (!fileErrors.isEmpty()) {
                skipped.add(new Skipped("file", file, SourcePos.ofFile(file), fileErrors));
            }
        }

        /**
         * Composes each document of a file and hands the ones that are model-index to {@code read}; a document's
         * syntax errors go to {@code into}. Returns how many documents were read.
         */
        private int readFile(String name, String text, List<Diagnostic> into,
                             java.util.function.BiConsumer<NodeReader, Node> reader) {
            Optional<Diagnostic> control = TextScan.firstControlCharacter(name, text);
            if (control.isPresent()) {
                into.add(control.get());
                return 0;
            }
            Docs docs = Docs.of(name, text);
            if (docs.citation() != null) {
                citations.put(name, docs.citation());
            }
            open.push(name);
            try {
                int read = 0;
                for (Doc doc : docs.docs()) {
                    List<Diagnostic> own = new ArrayList<>();
                    Optional<Node> root = compose(doc, own);
                    boolean ours = root.isPresent() && (!doc.tentative() || isModelIndex(root.get(), doc));
                    if (!doc.tentative() || ours) {
                        into.addAll(own);
                    }
                    if (ours) {
                        read++;
                        reader.accept(new NodeReader(doc.source(), into), root.get());
                    }
                }
                return read;
            } finally {
                open.pop();
            }
        }

        private static Optional<Node> compose(Doc doc, List<Diagnostic> into) {
            try {
                LoaderOptions options = loaderOptions();
                Optional<Diagnostic> refused = YamlGuard.check(doc.yaml(), doc.source(), options);
                if (refused.isPresent()) {
                    into.add(refused.get());
                    return Optional.empty();
                }
                Node root = new Yaml(options).compose(new java.io.StringReader(doc.yaml()));
                if (root == null) {
                    into.add(Diagnostic.error(SourcePos.ofFile(doc.source().file()),
                            "the model-index document is empty"));
                }
                return Optional.ofNullable(root);
            } catch (MarkedYAMLException e) {
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
                into.add(Diagnostic.error(doc.source().pos(e.getProblemMark()), "YAML syntax: " + problem + context));
            } catch (YAMLException e) {
                into.add(Diagnostic.error(SourcePos.ofFile(doc.source().file()), "YAML: " + e.getMessage()));
            }
            return Optional.empty();
        }

        /** A tentative document is read when it is a model-index, one model, or a Hugging Face card's index. */
        private static boolean isModelIndex(Node root, Doc doc) {
            if (!(root instanceof MappingNode mapping)) {
                return false;
            }
            List<String> keys = mapping.getValue().stream().map(t -> t.getKeyNode() instanceof ScalarNode k
                    ? Keys.canonical(k.getValue()) : "").toList();
            if (doc.frontMatter() && keys.contains("model-index")) {
                return true;
            }
            return keys.stream().anyMatch(INDEX_KEYS::contains)
                    || keys.contains("name") && keys.stream().anyMatch(MODEL_KEYS::contains);
        }

        /** A document read as a whole model-index. */
        private void index(NodeReader r, Node root) {
            if (root instanceof SequenceNode) {     // a bare list of models
                models(r, root);
                return;
            }
            Optional<NodeReader.Entries> top = root instanceof MappingNode ? r.mapping(root, "the model-index")
                    : Optional.empty();
            if (top.isEmpty()) {
                // say nothing of its content: an Import may have pointed at a file that is no catalogue
                r.fatal(root, NOT_AN_INDEX);
                return;
            }
            NodeReader.Entries m = top.get();
            if (m.has("model-index")) {
                huggingFace(r, m);
            } else if (m.keys().stream().anyMatch(INDEX_KEYS::contains)) {
                indexEntries(r, m);
            } else if (m.has("name") && m.keys().stream().anyMatch(MODEL_KEYS::contains)) {
                model(r, root);      // one model written at the top of a Markdown comment
            } else {
                r.fatal(root, NOT_AN_INDEX);
            }
        }

        private void indexEntries(NodeReader r, NodeReader.Entries m) {
            for (NodeReader.Entry e : m.all()) {
                Node value = e.value();
                switch (Keys.canonical(e.key())) {
                    case "type" -> r.string(value, "Type").filter(t -> !t.equalsIgnoreCase("model-index")
                                    && !t.equalsIgnoreCase("modelindex"))
                            .ifPresent(t -> r.warning(value, "Type should be 'model-index', found " + quote(t)));
                    case "models" -> models(r, value);
                    case "collections" -> collections(r, value);
                    case "import" -> {
                        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
                        for (Node item : items) {
                            r.string(item, "an Import").ifPresent(p -> imports.add(
                                    new ParsedFile.ImportRef(p, r.pos(item))));
                        }
                    }
                    case "library" -> library(r, value);
                    default -> r.info(e.keyNode(), "unknown top-level key " + quote(e.key()) + " ignored");
                }
            }
        }

        /** {@code Models}: a list (of models, or of files holding models), one model, or a path or glob of files. */
        private void models(NodeReader r, Node value) {
            if (NodeReader.isAbsent(value)) {
                return;
            }
            List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
            for (Node item : items) {
                if (NodeReader.isAbsent(item)) {
                    continue;
                }
                if (item instanceof ScalarNode) {
                    r.string(item, "Models").ifPresent(p -> follow(r, item, p, "Models", root -> {
                        Optional<NodeReader.Entries> m = root.node() instanceof MappingNode
                                ? root.reader().mapping(root.node(), "a models file") : Optional.empty();
                        if (m.isPresent() && m.get().keys().stream().anyMatch(INDEX_KEYS::contains)) {
                            indexEntries(root.reader(), m.get());
                        } else if (m.isPresent() && m.get().get("model").isPresent()) {
                            models(root.reader(), m.get().get("model").get());
                        } else if (m.isPresent() || root.node() instanceof SequenceNode) {
                            models(root.reader(), root.node());
                        } else {
                            root.reader().fatal(root.node(), NOT_AN_INDEX);
                        }
                    }));
                } else {
                    model(r, item);
                }
            }
        }

        /** {@code Collections}: as {@link #models}, for collections. */
        private void collections(NodeReader r, Node value) {
            if (NodeReader.isAbsent(value)) {
                return;
            }
            List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
            for (Node item : items) {
                if (NodeReader.isAbsent(item)) {
                    continue;
                }
                if (item instanceof ScalarNode) {
                    r.string(item, "Collections").ifPresent(p -> follow(r, item, p, "Collections", root -> {
                        Optional<NodeReader.Entries> m = root.node() instanceof MappingNode
                                ? root.reader().mapping(root.node(), "a collections file") : Optional.empty();
                        if (m.isPresent() && m.get().keys().stream().anyMatch(INDEX_KEYS::contains)) {
                            indexEntries(root.reader(), m.get());
                        } else if (m.isPresent() || root.node() instanceof SequenceNode) {
                            collections(root.reader(), root.node());
                        } else {
                            root.reader().fatal(root.node(), NOT_AN_INDEX);
                        }
                    }));
                } else {
                    collection(r, item);
                }
            }
        }

        private void model(NodeReader fileReader, Node node) {
            List<Diagnostic> own = new ArrayList<>();
            NodeReader r = fileReader.scoped(own);
            String label = null;
            Optional<NodeReader.Entries> m = r.mapping(node, "a model");
            if (m.isPresent()) {
                EntryReader.Fields f = entries.read(r, m.get(), "model");
                if (f.name == null) {
                    r.fatal(node, m.get().has("name") ? "model with an empty Name" : "model without a Name");
                }
                String id = f.metadata.id() != null ? f.metadata.id() : f.name;
                label = id;
                if (id != null && checkId(r, f.positions.getOrDefault("Metadata.ID", r.pos(node)), id)
                        && own.stream().noneMatch(Diagnostic::isError)) {
                    if (f.collections.size() > 1) {
                        r.warning(node, "model " + quote(id) + " is in " + f.collections.size()
                                + " collections; Zoo takes what it inherits from the first, " + quote(
                                f.collections.get(0)));
                    }
                    Origin origin = new Origin(file, false, libraries.get(r.source().file()), r.pos(node));
                    models.add(new Model(id, f.name, f.collections.isEmpty() ? null : f.collections.get(0),
                            f.metadata, f.paper, f.code, f.weights, f.sha256, f.preprocessing, f.network, f.results,
                            f.config, f.readme, f.image, citations.get(r.source().file()), origin, f.positions,
                            f.extra));
                }
            }
            settle(own, "model", label, r.pos(node));
        }

        private void collection(NodeReader fileReader, Node node) {
            List<Diagnostic> own = new ArrayList<>();
            NodeReader r = fileReader.scoped(own);
            String label = null;
            Optional<NodeReader.Entries> m = r.mapping(node, "a collection");
            if (m.isPresent()) {
                EntryReader.Fields f = entries.read(r, m.get(), "collection");
                label = f.name;
                if (f.name == null) {
                    r.fatal(node, m.get().has("name") ? "collection with an empty Name" : "collection without a Name");
                }
                if (f.weights != null || f.sha256 != null) {
                    r.warning(node, "Weights and SHA256 of a collection are not passed on to its models");
                }
                if (own.stream().noneMatch(Diagnostic::isError)) {
                    Origin origin = new Origin(file, false, libraries.get(r.source().file()), r.pos(node));
                    collections.add(new Collection(f.name, f.paper, f.code, f.metadata, f.results, f.preprocessing,
                            f.network, f.readme, citations.get(r.source().file()), origin, f.extra));
                }
            }
            settle(own, "collection", label, r.pos(node));
        }

        /** An entry's diagnostics join the file's; its errors leave it out, and only it. */
        private void settle(List<Diagnostic> own, String kind, String label, SourcePos pos) {
            diagnostics.addAll(own);
            List<Diagnostic> errors = own.stream().filter(Diagnostic::isError).toList();
            if (!errors.isEmpty()) {
                skipped.add(new Skipped(kind, label == null ? "(no name)" : label, pos, errors));
            }
        }

        /** The registry key: any text a user can quote, but no control characters and not longer than a key is. */
        private static boolean checkId(NodeReader r, SourcePos at, String id) {
            String problem = id.length() > Model.MAX_ID_LENGTH ? "is longer than " + Model.MAX_ID_LENGTH
                    + " characters" : id.chars().anyMatch(Character::isISOControl) ? "holds a control character"
                    : null;
            if (problem != null) {
                r.diagnostics().add(Diagnostic.error(at, "ID " + quote(id) + " " + problem));
                return false;
            }
            return true;
        }

        private void library(NodeReader r, Node value) {
            NodeReader w = r.lenient();
            w.mapping(value, "Library").ifPresent(m -> {
                java.util.function.Function<String, String> s = k -> m.get(k).flatMap(n -> w.string(n, "Library."
                        + k)).orElse(null);
                libraries.putIfAbsent(r.source().file(), new Library(s.apply("name"), s.apply("repository"),
                        s.apply("website"), s.apply("docs"), s.apply("headline")));
            });
        }

        /**
         * A Hugging Face model card's front matter: {@code model-index: [{name, results: [{task, dataset, metrics}]}]}.
         * The card is the model's home, so it names no weights file: such models are listed, not evaluated.
         */
        private void huggingFace(NodeReader r, NodeReader.Entries top) {
            String libraryName = top.get("library name").flatMap(n -> r.lenient().string(n, "library_name"))
                    .orElse(null);
            if (libraryName != null) {
                libraries.putIfAbsent(r.source().file(), new Library(libraryName, null, null, null, null));
            }
            Node index = top.get("model-index").orElse(null);
            if (index == null) {
                return;
            }
            r.sequence(index, "model-index").ifPresent(items -> items.forEach(item -> {
                List<Diagnostic> own = new ArrayList<>();
                NodeReader mr = r.scoped(own);
                String name = null;
                Optional<NodeReader.Entries> m = mr.mapping(item, "a model-index entry");
                if (m.isPresent()) {
                    name = m.get().get("name").flatMap(n -> mr.string(n, "name")).orElse(null);
                    if (name == null) {
                        mr.fatal(item, "model-index entry without a name");
                    } else if (checkId(mr, mr.pos(item), name)) {
                        List<Result> results = new ArrayList<>();
                        m.get().get("results").ifPresent(n -> entries.results(mr.lenient(), n, results));
                        if (own.stream().noneMatch(Diagnostic::isError)) {
                            Origin origin = new Origin(file, false, libraries.get(mr.source().file()), mr.pos(item));
                            models.add(new Model(name, name, null, ModelMetadata.EMPTY, null, null, null, null, null,
                                    null, results, null, null, null, citations.get(mr.source().file()), origin,
                                    Map.of("Name", mr.pos(item)), Map.of()));
                        }
                    }
                }
                settle(own, "model", name, mr.pos(item));
            }));
        }

        @Override
        public int follow(NodeReader r, Node at, String pattern, String what, Consumer<EntryReader.Root> read) {
            if (open.size() > MAX_REFERENCE_DEPTH) {
                r.error(at, what + " " + quote(pattern) + ": files refer to files more than " + MAX_REFERENCE_DEPTH
                        + " deep");
                return 0;
            }
            References.Found found = references.read(pattern, r.source().file(), r.pos(at));
            if (found.problem() != null) {
                r.error(at, what + " " + quote(pattern) + " " + found.problem());
                return 0;
            }
            int files = 0;
            for (References.Text t : found.files()) {
                if (open.contains(t.file())) {
                    r.error(at, what + " " + quote(pattern) + " refers back to " + t.file() + ", which is being read");
                    continue;
                }
                files++;
                readFile(t.file(), t.text(), r.diagnostics(), (fileReader, root) ->
                        read.accept(new EntryReader.Root(r.forSource(fileReader.source()), root)));
            }
            return files;
        }
    }
}
