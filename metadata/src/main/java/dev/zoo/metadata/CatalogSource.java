package dev.zoo.metadata;

import java.nio.file.Path;

/**
 * Where a catalogue comes from: a file or folder on disk (whose references are followed; a folder means its
 * {@code model-index.yml}) or text bundled with Zoo. Each source, with what it imports, is one catalogue: its
 * collections are its own, and a user's catalogue overrides the built-in one.
 */
public sealed interface CatalogSource {

    /** How users name the catalogue: the path they gave, or the built-in catalogue's name. */
    String name();

    /** True for the catalogue Zoo ships. */
    boolean builtin();

    record File(Path path) implements CatalogSource {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public boolean builtin() {
            return false;
        }
    }

    /** Bundled text such as the default catalogue; {@code name} is what diagnostics print. */
    record Text(String name, String text, boolean builtin) implements CatalogSource {
        public Text(String name, String text) {
            this(name, text, false);
        }
    }
}
