package dev.zoo.metadata;

/** A place in a catalogue file; line and column are 1-based, 0 when unknown. */
public record SourcePos(String file, int line, int column) {

    public static SourcePos ofFile(String file) {
        return new SourcePos(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
