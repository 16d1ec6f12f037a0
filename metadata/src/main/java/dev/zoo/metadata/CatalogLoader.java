package dev.zoo.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Loads catalogue files, follows their {@code Import}s (paths and globs relative to the importing file), gives models
 * their collection's defaults and checks what only the whole catalogue can tell: duplicate IDs, unknown collections,
 * metadata that disagree with the architecture.
 *
 * <p>Catalogues come from strangers (a pull request's card linted in CI), so an {@code Import} reaches only regular
 * files inside the importing file's folder tree or an allowed root, nothing larger than {@link #MAX_FILE_BYTES} is
 * read, and a glob walks a bounded tree.
 */
public final class CatalogLoader {

    /** Far above any real model-index file (timm's cards are a few kB, mmdetection's largest metafile ~100 kB). */
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    static final int MAX_GLOB_DEPTH = 8;
    static final int MAX_GLOB_ENTRIES = 20_000;

    private final ModelIndexParser parser = new ModelIndexParser();
    private final List<Path> importRoots;

    public CatalogLoader() {
        this(List.of());
    }

    /** @param importRoots folders besides each importing file's own tree that {@code Import}s may reach */
    public CatalogLoader(List<Path> importRoots) {
        this.importRoots = importRoots.stream().map(CatalogLoader::realOrAbsolute).toList();
    }
    public Catalog load(List<CatalogSource> sources) {
        Loading loading = new Loading();
        for (CatalogSource source : sources) {
            loading.root = source;
            if (source instanceof CatalogSource.File f) {
                Path path = f.path().toAbsolutePath().normalize();
                loading.rootFolder = realOrAbsolute(Files.isDirectory(path) ? path : path.getParent());
                loading.file(indexOfFolder(path, loading), null);
            } else if (source instanceof CatalogSource.Text t) {
                loading.rootFolder = null;
                loading.add(parser.parse(t.name(), t.text()), null);
            }
        }
        return loading.assemble();
    }

    public Catalog load(CatalogSource... sources) {
        return load(List.of(sources));
    }

    /** A folder given as a catalogue means its {@code model-index.yml} (or {@code .yaml}), as the format has it. */
    private static Path indexOfFolder(Path path, Loading loading) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        for (String name : List.of("model-index.yml", "model-index.yaml")) {
            if (Files.isRegularFile(path.resolve(name))) {
                return path.resolve(name);
            }
        }
        loading.diagnostics.add(Diagnostic.error(SourcePos.ofFile(path.toString()), "a folder given as a catalogue "
                + "must hold a model-index.yml (or model-index.yaml)"));
        return null;
    }

    /** A parsed file and the catalogue it belongs to. */
    private record Loaded(ParsedFile file, CatalogSource root) {
    }

    private final class Loading implements References {
        private final List<Loaded> parsed = new ArrayList<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final Set<Path> seen = new HashSet<>();
        /** The catalogue being loaded, and the folder its references must stay in (null for bundled text). */
        private CatalogSource root;
        private Path rootFolder;

        void file(Path path, ParsedFile.ImportRef importedBy) {
            if (path == null) {
                return;
            }
            SourcePos where = importedBy != null ? importedBy.pos() : SourcePos.ofFile(path.toString());
            Path key = realOrAbsolute(path);
            if (!seen.add(key)) {
                return;   // already loaded (diamond or circular import)
            }
            String text;
            try {
                text = readBounded(path);
            } catch (MalformedInputException e) {
                fileError(path, Diagnostic.error(SourcePos.ofFile(path.toString()), "not UTF-8 text"));
                return;
            } catch (IOException e) {
                fileError(path, Diagnostic.error(where, "cannot read " + path + ": " + describe(e)));
                return;
            }
            add(parser.parse(path.toString(), text, this), path.getParent());
        }

        /**
         * An Import that brings nothing in costs only itself: the other imports load, and the models it would have
         * brought are said to be missing, as a left-out entry is.
         */
        private void importError(ParsedFile.ImportRef ref, String problem) {
            Diagnostic error = Diagnostic.error(ref.pos(), "Import " + NodeReader.quote(ref.pattern()) + " " + problem);
            diagnostics.add(error);
            skipped.add(new Skipped("import", ref.pattern(), ref.pos(), List.of(error)));
        }

        private void fileError(Path path, Diagnostic error) {
            diagnostics.add(error);
            skipped.add(new Skipped("file", path.toString(), error.pos(), List.of(error)));
        }

        void add(ParsedFile file, Path dir) {
            parsed.add(new Loaded(file, root));
            diagnostics.addAll(file.diagnostics());
            skipped.addAll(file.skipped());
            for (ParsedFile.ImportRef ref : file.imports()) {
                if (dir == null) {
                    diagnostics.add(Diagnostic.error(ref.pos(), "Import is not supported in " + file.file()));
                    continue;
                }
                try {
                    List<Path> matches = resolve(dir, ref.pattern());
                    if (matches.isEmpty()) {
                        importError(ref, "matches no file");
                    }
                    matches.forEach(p -> file(p, ref));
                } catch (RefusedImport e) {
                    importError(ref, e.getMessage());
                }
            }
        }

        /** A field that names files ({@code Metadata: meta/r50.yml}): read with the same bounds as an Import. */
        @Override
        public Found read(String pattern, String fromFile, SourcePos at) {
            if (rootFolder == null) {
                return References.NONE.read(pattern, fromFile, at);
            }
            try {
                List<Path> matches = resolve(Path.of(fromFile).getParent(), pattern);
                if (matches.isEmpty()) {
                    return Found.refused("matches no file");
                }
                List<Text> texts = new ArrayList<>();
                for (Path p : matches) {
                    try {
                        texts.add(new Text(p.toString(), readBounded(p)));
                    } catch (MalformedInputException e) {
                        return Found.refused("names " + p + ", which is not UTF-8 text");
                    } catch (IOException e) {
                        return Found.refused("cannot be read: " + p + ": " + describe(e));
                    }
                }
                return new Found(texts, null);
            } catch (RefusedImport | InvalidPathException e) {
                return Found.refused(e.getMessage());
            }
        }

        private List<Path> resolve(Path dir, String written) {
            String pattern = written.replace('\\', '/');
            if (pattern.indexOf('\0') >= 0) {
                throw new RefusedImport("holds a NUL character");
            }
            Path root = rootFolder != null ? rootFolder : realOrAbsolute(dir);
            if (!hasGlob(pattern)) {
                Path p = resolveInside(dir, pattern);
                if (!Files.exists(p)) {
                    return List.of();
                }
                confine(root, p);
                return List.of(p);
            }
            // walk from the deepest folder that has no glob characters, match relative to the importing file
            String[] parts = pattern.split("/");
            StringBuilder fixed = new StringBuilder();
            int i = 0;
            while (i < parts.length - 1 && !hasGlob(parts[i])) {
                fixed.append(parts[i++]).append('/');
            }
            PathMatcher matcher;
            try {
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + dir.resolve(pattern).normalize()
                        .toString().replace("\\", "\\\\"));
            } catch (PatternSyntaxException e) {
                throw new RefusedImport("is not a valid glob: " + e.getDescription());
            } catch (InvalidPathException e) {
                throw new RefusedImport("is not a valid path: " + e.getReason());
            }
            Path base = resolveInside(dir, fixed.isEmpty() ? "." : fixed.toString());
            if (!Files.isDirectory(base)) {
                return List.of();
            }
            confine(root, base);
            List<Path> matches = new ArrayList<>();
            int[] visited = {0};
            try (Stream<Path> walk = Files.walk(base, MAX_GLOB_DEPTH)) {
                walk.peek(p -> {
                    if (++visited[0] > MAX_GLOB_ENTRIES) {
                        throw new RefusedImport("walks more than " + MAX_GLOB_ENTRIES + " entries under " + base
                                + "; name a narrower folder");
                    }
                }).map(Path::normalize).filter(matcher::matches).sorted().forEach(matches::add);
            } catch (IOException | UncheckedIOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                throw new RefusedImport("cannot be listed under " + base + ": " + describe(cause));
            }
            matches.forEach(p -> confine(root, p));
            return matches;
        }

        /** The import as a path against the importing folder, or a refusal naming what is wrong with it. */
        private Path resolveInside(Path dir, String relative) {
            try {
                return dir.resolve(relative).normalize();
            } catch (InvalidPathException e) {
                throw new RefusedImport("is not a valid path: " + e.getReason());
            }
        }

        /** Refuses a path whose real location (links followed) is outside the catalogue's folder and allowed roots. */
        private void confine(Path catalogueRoot, Path path) {
            Path real = realOrAbsolute(path);
            boolean inside = real.startsWith(catalogueRoot) || importRoots.stream().anyMatch(real::startsWith);
            if (!inside) {
                throw new RefusedImport("reaches " + path + ", outside " + catalogueRoot + " (a catalogue's files "
                        + "stay inside the folder of the file it was loaded from; allow more with ZOO_IMPORT_ROOTS)");
            }
            if (Files.exists(path) && !Files.isDirectory(path) && !Files.isRegularFile(path)) {
                throw new RefusedImport("names " + path + ", which is not a regular file");
            }
        }

        Catalog assemble() {
            return new Assembly(diagnostics, skipped).assemble(parsed);
        }
    }

    /** Puts the parsed files together: collections per catalogue, models inherit, one model per ID. */
    private static final class Assembly {
        private final List<Diagnostic> diagnostics;
        private final List<Skipped> skipped;

        Assembly(List<Diagnostic> diagnostics, List<Skipped> skipped) {
            this.diagnostics = diagnostics;
            this.skipped = skipped;
        }

        Catalog assemble(List<Loaded> parsed) {
            List<Collection> collections = new ArrayList<>();
            for (Loaded l : parsed) {
                for (Collection raw : l.file().collections()) {
                    Collection c = raw.in(l.root().name(), l.root().builtin());
                    Optional<Collection> first = collections.stream().filter(o -> o.name().equals(c.name())
                            && o.origin().catalogue().equals(c.origin().catalogue())).findFirst();
                    if (first.isEmpty()) {
                        collections.add(c);
                    } else if (!sameCollection(first.get(), c)) {
                        reject("collection", c.name(), Diagnostic.error(c.pos(), "duplicate collection "
                                + NodeReader.quote(c.name()) + " in one catalogue (first defined at "
                                + first.get().pos() + ")"));
                    }
                }
            }
            Map<String, Model> models = new LinkedHashMap<>();
            for (Loaded l : parsed) {
                for (Model raw : l.file().models()) {
                    Model m = raw.in(l.root().name(), l.root().builtin());
                    Optional<Collection> c = Catalog.resolve(collections, m);
                    if (m.collection() != null && c.isEmpty()) {
                        reject("model", m.id(), Diagnostic.error(m.positionOf("In Collection"), "unknown collection '"
                                + m.collection() + "' (known in " + m.origin().catalogue() + ": " + String.join(", ",
                                collections.stream().filter(o -> o.origin().catalogue().equals(m.origin()
                                        .catalogue())).map(Collection::name).toList()) + ")"));
                        continue;
                    }
                    Model resolved = c.map(m::inherit).orElse(m);
                    place(models, resolved);
                }
            }
            models.values().forEach(m -> diagnostics.addAll(ArchitectureCheck.check(m)));
            List<String> files = parsed.stream().map(l -> l.file().file()).toList();
            return new Catalog(collections, List.copyOf(models.values()), files, diagnostics, skipped);
        }

        /**
         * One model per ID: a definition repeated word for word is one model; a user's catalogue overrides the
         * built-in one (with a warning naming both places); two user catalogues that disagree keep the first.
         */
        private void place(Map<String, Model> models, Model m) {
            Model first = models.get(m.id());
            if (first == null) {
                models.put(m.id(), m);
            } else if (first.sameDefinition(m)) {
                diagnostics.add(Diagnostic.info(m.positionOf("Metadata.ID"), "model " + NodeReader.quote(m.id())
                        + " is also defined, identically, at " + first.pos() + "; they are one model"));
            } else if (first.origin().builtin() && !m.origin().builtin()) {
                models.put(m.id(), m);
                diagnostics.add(Diagnostic.warning(m.positionOf("Metadata.ID"), "model " + NodeReader.quote(m.id())
                        + " redefines the built-in one (" + first.pos() + "); this definition is used"));
            } else if (m.origin().builtin() && !first.origin().builtin()) {
                diagnostics.add(Diagnostic.warning(first.positionOf("Metadata.ID"), "model "
                        + NodeReader.quote(m.id()) + " redefines the built-in one (" + m.pos()
                        + "); this definition is used"));
            } else {
                reject("model", m.id(), Diagnostic.error(m.positionOf("Metadata.ID"), "duplicate ID '" + m.id()
                        + "' defined differently (first defined at " + first.pos() + ", which is used)"));
            }
        }

        private void reject(String kind, String name, Diagnostic error) {
            diagnostics.add(error);
            skipped.add(new Skipped(kind, name, error.pos(), List.of(error)));
        }

        /** The same collection written twice (the same card imported by two paths): everything but its place. */
        private static boolean sameCollection(Collection a, Collection b) {
            return neutral(a).equals(neutral(b)) && Result.sameClaims(a.results(), b.results());
        }

        private static Collection neutral(Collection c) {
            return new Collection(c.name(), c.paper(), c.code(), c.metadata(), List.of(), c.preprocessing(),
                    c.network(), c.readme(), c.citation(), null, c.extra());
        }
    }

    /**
     * The file's text, refusing what is not a regular file (a FIFO or {@code /dev/zero} would never end) or larger than
     * {@link #MAX_FILE_BYTES}; the read itself stops there too, in case the file grows meanwhile.
     */
    private static String readBounded(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(Files.exists(path) ? "not a regular file" : "no such file");
        }
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(String.format(Locale.ROOT, "%,d bytes; catalogue files are limited to %,d",
                    size, MAX_FILE_BYTES));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException("grew past " + MAX_FILE_BYTES + " bytes while being read");
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | InvalidPathException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** An Import that Zoo will not follow; the message completes "Import '...' ". */
    private static final class RefusedImport extends RuntimeException {
        RefusedImport(String message) {
            super(message, null, false, false);
        }
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static String describe(IOException e) {
        if (e.getClass() == IOException.class) {
            return e.getMessage();     // Zoo's own refusals (size, kind of file) say it all
        }
        return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() != null ? " "
                + e.getMessage() : "");
    }
}
