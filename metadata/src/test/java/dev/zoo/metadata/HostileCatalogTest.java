package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogues written to break Zoo: every one ends, quickly, in errors that name the file and line, and none echoes a
 * file that is not a catalogue.
 */
class HostileCatalogTest {

    /**
     * Catches a hang (an alias bomb, a runaway glob), not slowness: a busy 2-core CI machine parses the 1 MB scalar
     * in seconds, a hang never ends. Timings themselves are never asserted.
     */
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Catalog load(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return assertTimeoutPreemptively(BOUND, () -> new CatalogLoader().load(new CatalogSource.File(file)));
    }

    private static List<String> errors(Catalog c) {
        return c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
    }

    /** Errors and warnings: what a value that is only shown (parameters, claims) gets is a warning. */
    private static List<String> problems(Catalog c) {
        return c.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::toString).toList();
    }

    static Stream<Arguments> hostileYaml() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        StringBuilder laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        return Stream.of(
                Arguments.of("recursive alias", "Models: &a [*a]\n",
                        ":1:13: error: alias '*a' refers to its own anchor"),
                Arguments.of("billion laughs", laughs.toString(), ":5:45: error: aliases expand this document to more"),
                Arguments.of("deep nesting", "Models: " + deep, ":1:48: error: nesting deeper than 40 levels"),
                Arguments.of("NUL byte", "Models:\n- Name: a\u0000b\n", ":2:10: error: a NUL byte"),
                Arguments.of("escape control", "Models:\n- Name: \u0007\n", ":2:9: error: control character U+0007"),
                Arguments.of("huge exponent", "Models:\n- Name: a\n  Metadata:\n    Parameters: 1e999999999\n",
                        ":4:17: warning: Metadata.Parameters is out of range: '1e999999999'"),
                Arguments.of("1e400 accuracy", result("1e400"),
                        ":8:23: warning: metric 'Top 1 Accuracy' is out of range"),
                Arguments.of("negative accuracy", result("-0.5"), "is a percentage from 0 to 100, found -0.5"),
                Arguments.of("accuracy above 100", result("100.01%"), "is a percentage from 0 to 100, found 100.01"),
                Arguments.of("zero file size", meta("File Size: 0"), "error: Metadata.File Size must be a positive "
                        + "whole"),
                Arguments.of("negative parameters", meta("Parameters: -25549352"), "warning: Metadata.Parameters must "
                        + "be a positive whole number, found -25549352"),
                Arguments.of("negative LR", meta("LR: -0.1"), "warning: Metadata.LR must not be negative"),
                Arguments.of("huge block units", network("Block Units: [1000000, 4, 6, 3]"),
                        "Network.Block Units [1000000, 4, 6, 3]: at most 100 units per stage"),
                Arguments.of("many stages", network("Block Units: [1, 1, 1, 1, 1, 1, 1, 1]"), "8 stages; at most 6"),
                Arguments.of("huge width", network("Block Units: [3, 4, 6, 3]\n    Width Factor: 4096"),
                        "Network.Width Factor must be at most 16, found 4096"),
                Arguments.of("huge classes", network("Block Units: [3, 4, 6, 3]\n    Classes: 2000000000"),
                        "Network.Classes must be at most 100000"),
                Arguments.of("long number", meta("File Size: " + "9".repeat(100_000)),
                        "error: Metadata.File Size must be a number, found '999999999999"),
                Arguments.of("scalar top level", "just words\n", ":1:1: error: not a model-index document"));
    }

    private static String meta(String line) {
        return "Models:\n- Name: a\n  Metadata:\n    " + line + "\n";
    }

    private static String network(String lines) {
        return "Models:\n- Name: a\n  Network:\n    " + lines + "\n";
    }

    private static String result(String top1) {
        return "Models:\n- Name: a\n  Metadata: {ID: a}\n  Results:\n  - Task: Image Classification\n"
                + "    Dataset: ImageNet\n    Metrics:\n      Top 1 Accuracy: " + top1 + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileYaml")
    void hostileYamlEndsInAPositionedError(String name, String yaml, String expected) throws IOException {
        Catalog c = load("hostile.yml", yaml);
        assertThat(problems(c)).anySatisfy(e -> assertThat(e).startsWith(dir.resolve("hostile.yml").toString())
                .contains(expected));
        assertThat(c.diagnostics()).allSatisfy(d -> assertThat(d.message()).hasSizeLessThan(400));
    }

    @Test
    void javaGadgetTagsAreNeverConstructed() throws IOException {
        // SnakeYAML's classic gadget: constructing it would fetch and run a class from the URL
        Catalog c = load("gadget.yml", """
                Models:
                - Name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL \
                ["http://127.0.0.1:9/x.jar"]]]]
                """);
        assertThat(errors(c)).singleElement().asString().contains("gadget.yml:2:9: error: YAML syntax: Global tag is "
                + "not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
        Catalog top = load("gadget2.yml", "!!java.io.File [/etc]\n");
        assertThat(errors(top)).singleElement().asString().contains("gadget2.yml:1:1: error: YAML syntax: Global tag");
    }

    /** Below the file limit through the loader, and ten times above it straight into the parser. */
    @Test
    void markdownCommentScanIsLinear() throws IOException {
        assertThat(errors(load("open.md", "<!-- ".repeat(200_000)))).singleElement().asString()
                .contains(ModelIndexParser.NO_MODEL_INDEX);
        ModelIndexParser parser = new ModelIndexParser();
        List<String> hostile = List.of("<!-- ".repeat(2_000_000), "<!--\n" + "\n".repeat(5_000_000)
                + " ".repeat(5_000_000) + "x\n-->\n", "```".repeat(3_000_000) + " bibtex",
                "<!--x-->".repeat(1_000_000));
        for (String text : hostile) {
            ParsedFile parsed = assertTimeoutPreemptively(BOUND, () -> parser.parse("hostile.md", text));
            assertThat(parsed.diagnostics()).extracting(Diagnostic::message)
                    .containsExactly(ModelIndexParser.NO_MODEL_INDEX);
        }
        String card = "<!--\n" + "\n".repeat(1_000_000) + "Type: model-index\nModels:\n- Name: far\n"
                + "  Metadata: {File Size: -1}\n-->\n";
        assertThat(errors(load("far.md", card))).singleElement().asString()
                .contains("far.md:1000005:25: error: Metadata.File Size must be a positive whole number");
    }

    @Test
    void bigFilesAndBigScalars() throws IOException {
        Catalog big = load("big.yml", "Models:\n- Name: " + "x".repeat(10 * 1024 * 1024) + "\n");
        assertThat(errors(big)).singleElement().asString().startsWith(dir.resolve("big.yml") + ": error: cannot "
                + "read").contains("big.yml: 10,485,777 bytes; catalogue files are limited to 1,048,576");
        Catalog scalar = load("scalar.yml", "Models:\n- Name: a\n  Metadata:\n    ID: " + "y".repeat(1_000_000)
                + "!\n");
        assertThat(errors(scalar)).singleElement().asString().contains(":4:9: error: ID 'yyyy").contains("…'");
    }

    // --- Imports ------------------------------------------------------------------------------------------------

    private Catalog importing(String... imports) throws IOException {
        StringBuilder yaml = new StringBuilder("Import:\n");
        for (String i : imports) {
            yaml.append("- '").append(i.replace("'", "''")).append("'\n");
        }
        return load("index.yml", yaml.toString());
    }

    static Stream<Arguments> refusedImports() {
        return Stream.of(
                Arguments.of("configs/{a,b", "is not a valid glob: Missing '}"),
                Arguments.of("configs/[ab", "is not a valid glob: Missing ']"),
                Arguments.of("configs/{a,{b,c}}/*.yml", "is not a valid glob: Cannot nest groups"),
                Arguments.of("/etc/passwd", "reaches /etc/passwd, outside"),
                Arguments.of("../../../../../../../etc/passwd", "reaches /etc/passwd, outside"),
                Arguments.of("/*", "reaches /, outside"),
                Arguments.of("/proc/*/status", "reaches /proc, outside"),
                Arguments.of("/dev/zero", "reaches /dev/zero, outside"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedImports")
    void importsThatAreRefused(String pattern, String expected) throws IOException {
        Files.createDirectories(dir.resolve("configs/a"));
        Catalog c = importing(pattern);
        assertThat(errors(c)).singleElement().asString().startsWith(dir.resolve("index.yml") + ":2:3: error: Import ")
                .contains(expected).doesNotContain("root:");
    }

    @Test
    void nulInAnImportIsRefused() throws IOException {
        Catalog c = load("index.yml", "Import: [\"a\\0b.yml\"]\n");
        assertThat(errors(c)).singleElement().asString().contains("index.yml:1:10: error: Import").contains(
                "holds a NUL character");
    }

    @Test
    void linksOutOfTheTreeFifosAndFoldersAreRefused() throws Exception {
        Path outside = Files.createTempFile("zoo-secret", ".yml");
        try {
            Files.writeString(outside, "password: hunter2\n");
            Files.createSymbolicLink(dir.resolve("link.yml"), outside);
            Files.createSymbolicLink(dir.resolve("zero.yml"), Path.of("/dev/zero"));
            Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.yml").toString()).start();
            assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
            Files.createDirectories(dir.resolve("folder.yml"));
            Catalog c = importing("link.yml", "zero.yml", "pipe.yml", "folder.yml");
            assertThat(errors(c)).hasSize(4).allSatisfy(e -> assertThat(e).doesNotContain("hunter2"));
            assertThat(errors(c).get(0)).contains(":2:3: error: Import 'link.yml' reaches " + dir.resolve("link.yml")
                    + ", outside");
            assertThat(errors(c).get(1)).contains(":3:3: error: Import 'zero.yml' reaches");
            assertThat(errors(c).get(2)).contains(":4:3: error: Import 'pipe.yml' names " + dir.resolve("pipe.yml")
                    + ", which is not a regular file");
            assertThat(errors(c).get(3)).contains(":5:3: error: cannot read " + dir.resolve("folder.yml")
                    + ": not a regular file");

            Catalog allowed = assertTimeoutPreemptively(BOUND, () -> new CatalogLoader(List.of(outside.getParent()))
                    .load(new CatalogSource.File(dir.resolve("index.yml"))));
            assertThat(errors(allowed).get(0)).contains("link.yml:1:1: error: not a model-index document")
                    .doesNotContain("hunter2");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aNonCatalogueInsideTheTreeIsNotEchoed() throws IOException {
        Files.writeString(dir.resolve("notes.yml"), "api_key: s3cr3t-value\nother: thing\n");
        Files.writeString(dir.resolve("words.yml"), "s3cr3t-value is all this file says\n");
        Catalog c = importing("notes.yml", "words.yml");
        assertThat(errors(c)).containsExactly(
                dir.resolve("notes.yml") + ":1:1: error: not a model-index document: its top level is not a mapping "
                        + "with Models, Collections or Import",
                dir.resolve("words.yml") + ":1:1: error: not a model-index document: its top level is not a mapping "
                        + "with Models, Collections or Import");
        assertThat(c.diagnostics()).allSatisfy(d -> assertThat(d.message()).doesNotContain("s3cr3t"));
    }
}
