package dev.zoo.app;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --json} and {@code -q}: what a command that shows progress prints, and where. */
public class OutputOptions {

    @Mixin
    JsonOption json = new JsonOption();

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;

    boolean json() {
        return json.on();
    }

    boolean quiet() {
        return quiet;
    }

    /** Whether progress bars may be drawn: not when asked to be quiet, nor under JSON (stdout stays one document). */
    boolean progress() {
        return !(quiet || json.on());
    }
}
