package dev.zoo.app;

import dev.zoo.core.ZooException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short external command (sbatch, squeue) and returns what it printed, within a time bound. The output goes to
 * a file, not a pipe, so that waiting is bounded whatever the command does: a child that hangs with its output open
 * would otherwise hang the reader that waits for the end of the pipe.
 */
final class ChildProcess {

    private ChildProcess() {
    }

    /** The command's output (stdout and stderr); failing, hanging past {@code timeout} or not starting is I/O. */
    static String run(List<String> command, Duration timeout, String what, String hintIfMissing) {
        Path out = null;
        try {
            out = Files.createTempFile("zoo-child", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new ZooException(ZooException.Kind.IO, what + ": " + command.get(0) + " did not answer in "
                        + timeout.toSeconds() + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new ZooException(ZooException.Kind.IO, what + ": " + command.get(0) + " failed: "
                        + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, what + ": cannot run " + command.get(0) + " ("
                    + e.getMessage() + ")" + hintIfMissing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooException(ZooException.Kind.IO, what + ": interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans its temp folder
                }
            }
        }
    }
}
