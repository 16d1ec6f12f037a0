package dev.zoo.core;

import java.util.regex.Pattern;

/** Words of a command line Zoo prints for people to run: each as a POSIX shell reads it back. */
public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    private ShellWords() {
    }

    /** The word as is when the shell takes it so, else in single quotes ({@code 'Inception v3 - 90 epochs'}). */
    public static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
