package dev.zoo.app;

import dev.zoo.core.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code zoo} in a process of its own, as a user or CI would. */
final class ZooProcess {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    private Path outputDir;

    ZooProcess(Path home) {
        this.home = home;
    }

    /** Where the captured output goes, when not beside the home. */
    ZooProcess outputTo(Path dir) {
        this.outputDir = dir;
        return this;
    }

    ZooProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts {@code zoo ARGS} without waiting (output discarded), for tests that kill it. */
    Process start(String... args) throws IOException {
        return builder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Started in the background, its standard error written to {@code err}. */
    Process start(Path err, String... args) throws IOException {
        return builder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
    }

    /**
     * Started in a process group of its own, as a shell starts a job (so that a test can send a signal to the whole
     * group, as Ctrl-C does), with SIGINT handled as at a terminal even when this JVM was started with it ignored
     * (a background job's); its standard error written to {@code err}.
     */
    Process startAsJob(Path err, String... args) throws IOException {
        ProcessBuilder pb = builder(args);
        List<String> cmd = new ArrayList<>(List.of("setsid", "perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV"));
        cmd.addAll(pb.command());
        return pb.command(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    }

    private ProcessBuilder builder(String... args) {
        String jar = System.getProperty("zoo.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the packaged app is missing (zoo.jar=" + jar + "); run mvn verify");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(sharedClasses(java, jar));
        cmd.addAll(List.of("-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("ZOO_CATALOG");
        pb.environment().remove("ZOO_OFFLINE");
        pb.environment().remove("ZOO_MIRROR");
        pb.environment().remove("ZOO_DB_URL");
        pb.environment().put("ZOO_HOME", home.toString());
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * The JVM options that start every command from a class-data-sharing archive of the classes Quarkus loads, as
     * {@code ./zoo} does (about 0.7 s less per process here); the archive is made once per build of the jar, beside it.
     * Without one (it could not be made), the commands start without it.
     */
    private static synchronized List<String> sharedClasses(String java, String jar) {
        Path archive = Path.of(jar).toAbsolutePath().getParent().resolveSibling("zoo-it-cds.jsa");
        try {
            if (!Files.exists(archive) || Files.getLastModifiedTime(archive).compareTo(
                    Files.getLastModifiedTime(Path.of(jar))) < 0) {
                Path made = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
                Process p = new ProcessBuilder(java, "-XX:ArchiveClassesAtExit=" + made, "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC", "-jar", jar, "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(made)) {
                    Files.move(made, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        // JVM warnings (an archive that no longer fits) to stderr, never into a command's output
        return Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable",
                "-Xlog:all=warning:stderr") : List.of();
    }

    /**
     * Runs {@code zoo ARGS} in a pseudo-terminal of {@code columns} columns (util-linux {@code script}), as a person at
     * a terminal would: what the terminal showed is {@link Result#out()}, bars and all.
     */
    Result inTerminal(int columns, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(builder(args).command());
        String shell = "stty cols " + columns + " rows 24; exec " + command.stream()
                .map(ShellWords::quote).collect(java.util.stream.Collectors.joining(" "));
        ProcessBuilder pb = builder(args).command("script", "-q", "-e", "-c", shell, "/dev/null");
        pb.environment().remove("CI");   // a person, not a CI job
        pb.environment().put("TERM", "xterm-256color");
        Path dir = outputDir != null ? outputDir : home.getParent();
        Path out = Files.createTempFile(dir, "tty", ".txt");
        pb.redirectOutput(out.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("zoo " + String.join(" ", args) + " did not finish in 120 s");
        }
        p.getOutputStream().close();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
    }

    /**
     * Runs a command line as a user would type it into a shell (a command Zoo printed, verbatim), with {@code zoo} on
     * the PATH as this process's packaged app.
     */
    Result shell(String commandLine) throws IOException, InterruptedException {
        Path bin = Files.createDirectories((outputDir != null ? outputDir : home.getParent()).resolve("bin"));
        Path zoo = bin.resolve("zoo");
        String exec = builder().command().stream().map(ShellWords::quote)
                .collect(java.util.stream.Collectors.joining(" "));
        Files.writeString(zoo, "#!/bin/sh\nexec " + exec + " \"$@\"\n");
        zoo.toFile().setExecutable(true);
        ProcessBuilder pb = builder().command("bash", "-c", commandLine);
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        return finish(pb, "zoo (shell) " + commandLine);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return finish(builder(args), "zoo " + String.join(" ", args));
    }

    private Result finish(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        // beside the home unless that is on a disk a test has filled
        Path dir = outputDir != null ? outputDir : home.getParent();
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
