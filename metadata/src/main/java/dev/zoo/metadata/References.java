package dev.zoo.metadata;

import java.util.List;

/**
 * Reads the files a catalogue names in place of a value ({@code Models: configs/*.yml}, {@code Metadata:
 * meta/r50.yml}, {@code Results: r50-results.json}, a model list item {@code - docs/rexnet.md}), with the same bounds
 * and confinement as {@code Import}. The parser reads what comes back in the role the field gives it.
 */
public interface References {

    /** A file's name (as diagnostics print it) and text. */
    record Text(String file, String text) {
    }

    /** The files found, or why there are none (a message that completes "Metadata 'x.yml' "). */
    record Found(List<Text> files, String problem) {
        static Found refused(String problem) {
            return new Found(List.of(), problem);
        }
    }

    /**
     * The files a path or glob names, relative to the folder of {@code fromFile} (the file it is written in).
     *
     * @param at where the reference is written, for the error
     */
    Found read(String pattern, String fromFile, SourcePos at);

    /** For text without a folder (the built-in catalogue): every reference is an error. */
    References NONE = (pattern, fromFile, at) -> Found.refused("cannot be followed: " + fromFile
            + " is not a file on disk");
}
