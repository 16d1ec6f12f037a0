package dev.zoo.metadata;

import java.util.List;

/**
 * What one catalogue file says, before imports are followed and models meet their collections.
 *
 * @param imports the {@code Import} entries: paths or globs relative to this file
 * @param skipped models and collections left out for their errors (the file's other entries load)
 */
public record ParsedFile(String file, List<Collection> collections, List<Model> models, List<ImportRef> imports,
                         List<Diagnostic> diagnostics, List<Skipped> skipped) {

    public record ImportRef(String pattern, SourcePos pos) {
    }

    public ParsedFile {
        collections = List.copyOf(collections);
        models = List.copyOf(models);
        imports = List.copyOf(imports);
        diagnostics = List.copyOf(diagnostics);
        skipped = List.copyOf(skipped);
    }
}
