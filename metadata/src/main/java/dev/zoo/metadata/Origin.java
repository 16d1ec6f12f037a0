package dev.zoo.metadata;

/**
 * Where a model or collection comes from: the catalogue it was loaded with (the built-in one, or a file given with
 * {@code --catalog} or {@code ZOO_CATALOG}, imports included), the {@code Library} block of its file, and its place.
 *
 * @param catalogue the catalogue as users name it: {@link DefaultCatalog#NAME} or the path they gave
 * @param builtin   true for the catalogue Zoo ships, which any user catalogue overrides
 */
public record Origin(String catalogue, boolean builtin, Library library, SourcePos pos) {

    /** A text or file read outside any catalogue (tests, a single parsed file). */
    public static Origin of(SourcePos pos) {
        return new Origin(pos.file(), false, null, pos);
    }

    Origin at(SourcePos where) {
        return new Origin(catalogue, builtin, library, where);
    }

    Origin in(String catalogueName, boolean isBuiltin) {
        return new Origin(catalogueName, isBuiltin, library, pos);
    }
}
