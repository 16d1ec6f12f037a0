package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.evaluator.TinyImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person at an 80-column terminal sees: bars that fit, fields dropped whole, nothing cut mid-word. */
class TerminalIT {

    private static final int COLUMNS = 80;

    @TempDir
    Path tmp;

    TinyBit tiny;
    ZooProcess zoo;
    Path catalog;

    @BeforeEach
    void setUp() throws Exception {
        tiny = new TinyBit();
        zoo = new ZooProcess(tmp.resolve("home"));
        catalog = tiny.catalog(tmp.resolve("tiny.yml"), "0.5");
    }

    @AfterEach
    void tearDown() throws Exception {
        tiny.close();
    }

    /**
     * The states of the bar as drawn: each carriage return or newline ends one, terminal escapes removed, and so are
     * libtorch's own warnings written into the same terminal (NNPACK's on CPUs it does not support).
     */
    private static List<String> bars(String screen) {
        return Arrays.stream(screen.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]+"))
                .map(l -> l.replaceAll("\\[W\\d{4} .*", ""))
                .filter(l -> l.contains("░") || l.contains("█")).toList();
    }

    private static void fitsWithAWholeBar(List<String> bars, String screen) {
        assertThat(bars).as(screen).isNotEmpty();
        for (String bar : bars) {
            assertThat(bar.length()).as(bar).isLessThanOrEqualTo(COLUMNS);
            int cells = bar.indexOf(']') - bar.indexOf('[') - 1;
            assertThat(cells).as(bar).isGreaterThanOrEqualTo(ProgressLine.MIN_BAR);
            String tail = bar.substring(bar.indexOf(']') + 1).strip();
            // fields are whole: each one ends in a word, never in a cut like "(decode 15, de" or "3"
            assertThat(tail).as(bar).doesNotEndWith(",").doesNotEndWith("(").doesNotEndWith("·");
        }
    }

    @Test
    void pullAndEvalDrawBarsThatFitEightyColumns() throws Exception {
        tiny.server.throttle(1_000_000);   // 3.5 MB in a few seconds: the bar is drawn several times
        ZooProcess.Result pull = zoo.inTerminal(COLUMNS, "pull", "--catalog", catalog.toString(), "bit_tiny");
        assertThat(pull.exit()).as(pull.out()).isZero();
        List<String> pulled = bars(pull.out());
        fitsWithAWholeBar(pulled, pull.out());
        assertThat(pulled).anyMatch(b -> b.matches(".* · [0-9.]+/[0-9.]+ MB( · .*)?"));

        Path data = TinyImages.classFolders(tmp.resolve("data"), 10, 30);
        ZooProcess.Result eval = zoo.inTerminal(COLUMNS, "eval", "--catalog", catalog.toString(), "bit_tiny",
                "--data", data.toString(), "--batch", "1");
        assertThat(eval.exit()).as(eval.out()).isZero();
        List<String> evaluated = bars(eval.out());
        fitsWithAWholeBar(evaluated, eval.out());
        assertThat(evaluated).anyMatch(b -> b.startsWith("eval ") && b.contains(" · ") && b.contains("/300 img"));
        assertThat(evaluated).anyMatch(b -> b.contains("top-1 "));
    }
}
