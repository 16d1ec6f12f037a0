package dev.zoo.metadata;

import java.util.List;

/**
 * Something of a catalogue that was left out because Zoo cannot represent it: one model or collection (the rest of its
 * file loads), a whole file that could not be read, or an Import that brought in nothing (the other imports load).
 * One bad model costs only itself.
 *
 * @param kind   "model", "collection", "file" or "import"
 * @param name   the model's ID or name, the collection's name, the file, or the Import's path or glob
 * @param errors why, each with its file and line
 */
public record Skipped(String kind, String name, SourcePos pos, List<Diagnostic> errors) {

    public Skipped {
        errors = List.copyOf(errors);
    }

    /** "model 'x' (file:line): first reason". */
    public String describe() {
        String reason = errors.isEmpty() ? "" : ": " + errors.get(0).message();
        return kind.equals("file") ? errors.isEmpty() ? pos.toString() : errors.get(0).toString()
                : kind + " " + NodeReader.quote(name) + " (" + pos + ")" + reason;
    }
}
