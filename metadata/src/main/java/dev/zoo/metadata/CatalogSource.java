package dev.zoo.metadata;

import java.nio.file.Path;

/** Where a catalogue comes from: a file on disk (whose Imports are followed) or text bundled with Zoo. */
public sealed interface CatalogSource {

    record File(Path path) implements CatalogSource {
    }

    /** Bundled text such as the default catalogue; {@code name} is what diagnostics print. */
    record Text(String name, String text) implements CatalogSource {
    }
}
