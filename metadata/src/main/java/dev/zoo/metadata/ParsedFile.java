package dev.zoo.metadata;

import java.util.List;

/**
 * What one catalogue file says, before imports are followed and models meet their collections.
 *
 * @param imports the {@code Import} entries: paths or globs relative to this file
 */
public record ParsedFile(String file, List<Collection> collections, List<Model> models, List<ImportRef> imports,
                         List<Diagnostic> diagnostics) {

    public record ImportRef(String pattern, SourcePos pos) {
    }

    public ParsedFile {
        collections = List.copyOf(collections);
        models = List.copyOf(models);
        imports = List.copyOf(imports);
        diagnostics = List.copyOf(diagnostics);
    }
}
