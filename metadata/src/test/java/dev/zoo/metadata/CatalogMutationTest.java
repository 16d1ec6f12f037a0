package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the shipped catalogue at random (a fixed seed, so a failure reproduces) and loads every mutant: none may
 * throw, run long, or report an error without a line (only whole-file problems may), and no message may run on.
 */
class CatalogMutationTest {

    private static final long SEED = 20261126L;
    private static final int MUTANTS = 400;
    private static final List<String> SPECIAL = List.of("[", "]", "{", "}", "&a ", "*a", "!!", "|", ">", ":", "- ",
            "#", "'", "\"", "%", "@", "`", "\n", "\t", "  ", "\u0000", "<!--", "-->", "?", ",", "~", "\\");
    private static final List<String> SNIPPETS = List.of("Import: [/etc/passwd]", "Import: ['{a,{b}}']",
            "  Parameters: 1e999999999", "x: &a [*a]", "Import: [\"a\\0b\"]", "      Top 1 Accuracy: 1e400",
            "  File Size: -5", "Network: {Block Units: [100000000]}", "- !!java.io.File [/]", "<<: *a",
            "Models: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
    /** Problems of a whole file, which have no line to point at. */
    private static final Set<String> WHOLE_FILE = Set.of(ModelIndexParser.NO_MODEL_INDEX,
            "the model-index document is empty", "not UTF-8 text");

    @TempDir
    Path dir;

    @Test
    void mutantsOfTheSeedCatalogueEndInPositionedErrorsQuickly() {
        String seed = ((CatalogSource.Text) DefaultCatalog.source()).text();
        Random random = new Random(SEED);
        int refused = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int withErrors = 0;
            for (int i = 0; i < MUTANTS; i++) {
                String mutant = mutate(seed, random);
                Path file = dir.resolve("mutant-" + i + ".md");
                Files.writeString(file, mutant);
                Catalog catalog = load(file, i);
                withErrors += catalog.hasErrors() ? 1 : 0;
                for (Diagnostic d : catalog.diagnostics()) {
                    assertThat(d.pos().file()).as("mutant %d: %s", i, d).isNotBlank();
                    assertThat(d.message()).as("mutant %d", i).hasSizeLessThan(400).doesNotContain("root:x:0");
                    if (d.isError() && !WHOLE_FILE.contains(d.message())) {
                        assertThat(d.pos().line()).as("mutant %d: %s", i, d).isPositive();
                    }
                }
            }
            return withErrors;
        });
        assertThat(refused).as("mutants with errors (the mutations must bite)").isGreaterThan(MUTANTS / 2);
    }

    private Catalog load(Path file, int index) {
        try {
            return new CatalogLoader().load(new CatalogSource.File(file));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("mutant " + index + " (" + file + ") threw " + e, e);
        }
    }

    private static String mutate(String text, Random random) throws IOException {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> lines.add(at, SNIPPETS.get(random.nextInt(SNIPPETS.size())));
                case 3 -> lines.set(at, insert(lines.get(at), SPECIAL.get(random.nextInt(SPECIAL.size())), random));
                case 4 -> lines.set(at, lines.get(at).repeat(1 + random.nextInt(200)));
                default -> lines.subList(at, lines.size()).clear();
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String insert(String line, String what, Random random) {
        int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
        return line.substring(0, at) + what + line.substring(at);
    }
}
