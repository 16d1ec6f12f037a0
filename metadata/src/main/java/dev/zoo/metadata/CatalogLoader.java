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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            if (source instanceof CatalogSource.File f) {
                loading.file(f.path().toAbsolutePath().normalize(), null);
            } else if (source instanceof CatalogSource.Text t) {
                loading.add(parser.parse(t.name(), t.text()), null);
            }
        }
        return loading.assemble();
    }

    public Catalog load(CatalogSource... sources) {
        return load(List.of(sources));
    }

    private final class Loading {
        private final List<ParsedFile> parsed = new ArrayList<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final Set<Path> seen = new HashSet<>();

        void file(Path path, ParsedFile.ImportRef importedBy) {
            SourcePos where = importedBy != null ? importedBy.pos() : SourcePos.ofFile(path.toString());
            Path key = realOrAbsolute(path);
            if (!seen.add(key)) {
                return;   // already loaded (diamond or circular import)
            }
            String text;
            try {
                text = readBounded(path);
            } catch (MalformedInputException e) {
                diagnostics.add(Diagnostic.error(SourcePos.ofFile(path.toString()), "not UTF-8 text"));
                return;
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error(where, "cannot read " + path + ": " + describe(e)));
                return;
            }
            add(parser.parse(path.toString(), text), path.getParent());
        }

        void add(ParsedFile file, Path dir) {
            parsed.add(file);
            diagnostics.addAll(file.diagnostics());
            for (ParsedFile.ImportRef ref : file.imports()) {
                if (dir == null) {
                    diagnostics.add(Diagnostic.error(ref.pos(), "Import is not supported in " + file.file()));
                    continue;
                }
                try {
                    List<Path> matches = resolve(dir, ref);
                    if (matches.isEmpty()) {
                        diagnostics.add(Diagnostic.error(ref.pos(), "Import " + NodeReader.quote(ref.pattern())
                                + " matches no file"));
                    }
                    matches.forEach(p -> file(p, ref));
                } catch (RefusedImport e) {
                    diagnostics.add(Diagnostic.error(ref.pos(), "Import " + NodeReader.quote(ref.pattern()) + " "
                            + e.getMessage()));
                }
            }
        }

        private List<Path> resolve(Path dir, ParsedFile.ImportRef ref) {
            String pattern = ref.pattern().replace('\\', '/');
            if (pattern.indexOf('\0') >= 0) {
                throw new RefusedImport("holds a NUL character");
            }
            Path root = realOrAbsolute(dir);
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

        /** Refuses a path whose real location (links followed) is outside the importing tree and the allowed roots. */
        private void confine(Path importingRoot, Path path) {
            Path real = realOrAbsolute(path);
            boolean inside = real.startsWith(importingRoot) || importRoots.stream().anyMatch(real::startsWith);
            if (!inside) {
                throw new RefusedImport("reaches " + path + ", outside " + importingRoot + " (imports stay inside "
                        + "the importing file's folder; allow more with ZOO_IMPORT_ROOTS)");
            }
            if (Files.exists(path) && !Files.isDirectory(path) && !Files.isRegularFile(path)) {
                throw new RefusedImport("names " + path + ", which is not a regular file");
            }
        }

        Catalog assemble() {
            Map<String, Collection> collections = new LinkedHashMap<>();
            for (ParsedFile f : parsed) {
                for (Collection c : f.collections()) {
                    Collection first = collections.putIfAbsent(c.name(), c);
                    if (first != null) {
                        diagnostics.add(Diagnostic.error(c.pos(), "duplicate collection '" + c.name()
                                + "' (first defined at " + first.pos() + ")"));
                    }
                }
            }
            Map<String, Model> models = new LinkedHashMap<>();
            Map<String, SourcePos> firstSeen = new HashMap<>();
            for (ParsedFile f : parsed) {
                for (Model m : f.models()) {
                    if (firstSeen.containsKey(m.id())) {
                        diagnostics.add(Diagnostic.error(m.positionOf("Metadata.ID"), "duplicate ID '" + m.id()
                                + "' (first defined at " + firstSeen.get(m.id()) + ")"));
                        continue;
                    }
                    firstSeen.put(m.id(), m.positionOf("Metadata.ID"));
                    Model resolved = m;
                    if (m.collection() != null) {
                        Collection c = collections.get(m.collection());
                        if (c == null) {
                            diagnostics.add(Diagnostic.error(m.positionOf("In Collection"), "unknown collection '"
                                    + m.collection() + "' (known: " + String.join(", ", collections.keySet()) + ")"));
                        } else {
                            resolved = m.inherit(c);
                        }
                    }
                    diagnostics.addAll(ArchitectureCheck.check(resolved));
                    models.put(resolved.id(), resolved);
                }
            }
            return new Catalog(List.copyOf(collections.values()), List.copyOf(models.values()),
                    parsed.stream().map(ParsedFile::file).toList(), diagnostics);
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
