package dev.zoo.app;

import picocli.CommandLine.Option;

/** {@code --json}: the command's result as JSON on stdout; logs and progress stay on stderr. */
public class JsonOption {

    @Option(names = "--json", description = "Print the result as JSON on stdout instead of text.")
    boolean json;

    boolean on() {
        return json;
    }
}
