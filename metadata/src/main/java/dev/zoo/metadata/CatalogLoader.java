package dev.zoo.metadata;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads catalogue files, follows their {@code Import}s (paths and globs relative to the importing file), gives models
 * their collection's defaults and checks what only the whole catalogue can tell: duplicate IDs, unknown collections,
 * metadata that disagree with the architecture.
 */
public final class CatalogLoader {

    private final ModelIndexParser parser = new ModelIndexParser();

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
            Path key = path;
            try {
                key = path.toRealPath();
            } catch (IOException ignored) {
                // reported below when reading fails
            }
            if (!seen.add(key)) {
                return;   // already loaded (diamond or circular import)
            }
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                diagnostics.add(Diagnostic.error(SourcePos.ofFile(path.toString()), "not UTF-8 text"));
                return;
            } catch (IOException e) {
                SourcePos where = importedBy != null ? importedBy.pos() : SourcePos.ofFile(path.toString());
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
                List<Path> matches = resolve(dir, ref);
                if (matches.isEmpty()) {
                    diagnostics.add(Diagnostic.error(ref.pos(), "Import '" + ref.pattern() + "' matches no file"));
                }
                matches.forEach(p -> file(p, ref));
            }
        }

        private List<Path> resolve(Path dir, ParsedFile.ImportRef ref) {
            String pattern = ref.pattern().replace('\\', '/');
            if (!hasGlob(pattern)) {
                Path p = dir.resolve(pattern).normalize();
                return Files.exists(p) ? List.of(p) : List.of();
            }
            // walk from the deepest folder that has no glob characters, match relative to the importing file
            String[] parts = pattern.split("/");
            Path base = dir;
            int i = 0;
            while (i < parts.length - 1 && !hasGlob(parts[i])) {
                base = base.resolve(parts[i++]);
            }
            if (!Files.isDirectory(base)) {
                return List.of();
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + dir.resolve(pattern).normalize()
                    .toString().replace("\\", "\\\\"));
            try (Stream<Path> walk = Files.walk(base)) {
                return walk.filter(Files::isRegularFile).map(Path::normalize).filter(matcher::matches).sorted()
                        .toList();
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error(ref.pos(), "cannot list " + base + ": " + describe(e)));
                return List.of();
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

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() != null ? " "
                + e.getMessage() : "");
    }
}
