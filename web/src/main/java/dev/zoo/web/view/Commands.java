package dev.zoo.web.view;

import java.util.regex.Pattern;

/** Command lines a card offers to copy: a model ID as a shell reads it, quoted when it must be. */
public final class Commands {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+:/@%=-]+");

    private Commands() {
    }

    /** The ID as is when the shell takes it so, else in single quotes ({@code 'Inception v3 - 90 epochs'}). */
    public static String quote(String id) {
        return PLAIN.matcher(id).matches() ? id : "'" + id.replace("'", "'\\''") + "'";
    }
}
