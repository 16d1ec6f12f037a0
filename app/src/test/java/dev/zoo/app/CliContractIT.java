package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract: help on every command and sub-command, the documented exit codes (0 ok, 1 a check
 * failed, 2 usage, 3 I/O) and a one-line error instead of a stack trace, whatever the options.
 */
class CliContractIT {

    static final List<String> COMMANDS = List.of("list", "show", "lint", "pull", "verify", "eval", "check",
            "runs", "baseline", "baseline record", "export", "serve", "cache", "cache ls", "cache rm", "cache gc",
            "completion");

    @TempDir
    Path tmp;

    @Test
    void everyCommandAndSubCommandHasHelp() throws Exception {
        ZooProcess zoo = new ZooProcess(tmp.resolve("home"));
        for (String command : COMMANDS) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            // -h is the same option as --help: tried where a required parameter used to get in its way
            for (String flag : List.of("show", "eval", "cache rm").contains(command) ? List.of("--help", "-h")
                    : List.of("--help")) {
                List<String> withFlag = new ArrayList<>(args);
                withFlag.add(flag);
                ZooProcess.Result r = zoo.run(withFlag.toArray(String[]::new));
                assertThat(r.exit()).as(command + " " + flag + ": " + r).isZero();
                assertThat(r.out()).as(command + " " + flag).startsWith("Usage: zoo " + command);
                // a description picocli cannot format ("95% interval") warns on stderr: none may
                assertThat(r.err()).as(command + " " + flag).doesNotContain("WARN");
            }
        }
        ZooProcess.Result help = zoo.run("help", "show");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: zoo show");
    }

    /** What bash offers after {@code words} (the last one being completed), with the script of zoo completion. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String shell = "source " + dev.zoo.core.ShellWords.quote(script.toString()) + "; COMP_WORDS=("
                + java.util.Arrays.stream(words).map(dev.zoo.core.ShellWords::quote)
                .collect(java.util.stream.Collectors.joining(" ")) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_zoo; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        // outside a real completion bash says "compopt: not currently executing completion function": not ours
        Process p = new ProcessBuilder("bash", "-c", shell).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void completionOffersModelIdsAndTheValuesOptionsTakeForZooAndDotSlashZoo() throws Exception {
        ZooProcess zoo = new ZooProcess(tmp.resolve("home")).env("ZOO_LAUNCHER", "/opt/zoo/zoo");
        ZooProcess.Result r = zoo.run("completion");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete -F _complete_zoo -o default ./zoo /opt/zoo/zoo")
                .doesNotContain("MODEL_INDEX").doesNotContain("BF16").doesNotContain("KUBERNETES");
        Path script = java.nio.file.Files.writeString(tmp.resolve("zoo.bash"), r.out());
        assertThat(complete(script, "./zoo", "eval", "resnetv2_5")).containsExactly("resnetv2_50x1_bitm",
                "resnetv2_50x3_bitm");
        assertThat(complete(script, "zoo", "pull", "resnetv2_152")).containsExactly("resnetv2_152x2_bitm",
                "resnetv2_152x4_bitm");
        assertThat(complete(script, "zoo", "eval", "--device", "")).contains("cpu", "gpu", "gpu:0");
        assertThat(complete(script, "zoo", "eval", "--precision", "")).containsExactlyInAnyOrder("fp32", "tf32",
                "fp16");
        assertThat(complete(script, "zoo", "export", "--format", "")).containsExactlyInAnyOrder("model-index", "csv");
    }

    @Test
    void badValuesPortsUrlsAndFilesGetOneLineAndTheirExitCode() throws Exception {
        ZooProcess zoo = new ZooProcess(tmp.resolve("home"));
        expect(zoo.run("eval", "resnetv2_50x1_bitm", "--limit", "-1"), 2, "--limit", "at least 1");
        expect(zoo.run("eval", "resnetv2_50x1_bitm", "--batch", "0"), 2, "--batch", "at least 1");
        expect(zoo.run("check", "resnetv2_50x1_bitm", "--tolerance", "NaN"), 2, "--tolerance", "finite");
        expect(zoo.run("check", "resnetv2_50x1_bitm", "--tolerance", "-1"), 2, "--tolerance", "from 0 to 100");
        expect(zoo.run("serve", "--port", "99999"), 2, "--port", "from 0 to 65535");
        expect(zoo.run("eval", "resnetv2_50x1_bitm", "--dataset", "imagenet-x"), 2, "--dataset", "expected one of");
        expect(zoo.run("lint", tmp.resolve("missing.yml").toString()), 3, "missing.yml", "no such file");
        expect(zoo.env("ZOO_DB_URL", "jdbc:mysql://db.local/zoo").run("show", "resnetv2_50x1_bitm"), 2,
                "ZOO_DB_URL", "jdbc:mysql://db.local/zoo");
        expect(new ZooProcess(tmp.resolve("home")).run("lint", "--strikt"), 2, "--strikt", "--strict");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            expect(new ZooProcess(tmp.resolve("home")).run("serve", "--port",
                    Integer.toString(busy.getLocalPort())), 3, "is not available", "--port");
        }
    }

    private static void expect(ZooProcess.Result r, int exit, String... mentions) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err().strip().lines().count()).as("one line: " + r.err()).isEqualTo(1);
        assertThat(r.err()).contains(mentions).doesNotContain("Exception", "\tat ");
    }

    /**
     * Random commands with random (mostly wrong) options: whatever they are, the exit code is a documented one and
     * nothing prints a stack trace. Offline, so nothing waits for a network.
     */
    @Test
    void randomOptionsNeverEndInAStackTraceOrAnUndocumentedExitCode() throws Exception {
        List<String> commands = List.of("list", "show", "lint", "pull", "verify", "eval", "check", "baseline record",
                "export", "cache ls", "cache rm", "cache gc", "completion");
        List<String> tokens = List.of("--limit", "--batch", "--threads", "--tolerance", "--port", "--format",
                "--device", "--dataset", "--data", "--labels", "--catalog", "--out", "--older-than", "--subset",
                "--label-map", "--json", "-q", "--strict", "--all", "--unpin", "--delete", "--from-db", "--partial",
                "-5", "0", "1", "NaN", "Infinity", "1e400", "99999999999", "7x", "csv", "xml", "tpu", "gpu:9",
                "imagenet", "folder", "/nonexistent", "/dev/null", "/proc/1/mem", "resnetv2_50x1_bitm", "nope",
                "../../etc/passwd", "", "-", "--", "--=", "-x", "é✓", "%s%n");
        Random random = new Random(20261126);
        List<List<String>> cases = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            List<String> args = new ArrayList<>(List.of(commands.get(random.nextInt(commands.size())).split(" ")));
            int n = random.nextInt(5);
            for (int k = 0; k < n; k++) {
                args.add(tokens.get(random.nextInt(tokens.size())));
            }
            cases.add(args);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ZooProcess.Result>> results = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                ZooProcess zoo = new ZooProcess(tmp.resolve("home-" + (i % 2))).env("ZOO_OFFLINE", "1");
                List<String> args = cases.get(i);
                results.add(pool.submit(() -> zoo.run(args.toArray(String[]::new))));
            }
            for (int i = 0; i < cases.size(); i++) {
                ZooProcess.Result r = results.get(i).get();
                String what = "zoo " + String.join(" ", cases.get(i)) + ": " + r;
                assertThat(r.exit()).as(what).isBetween(0, 3);
                assertThat(r.err()).as(what).doesNotContain("\tat ", "Exception in thread", "Caused by");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
