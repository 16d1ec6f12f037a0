package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final ProgressLine PULL = new ProgressLine("downloading resnetv2_50x1_bitm.npz", 46_100_000, 0,
            102_242_668, Duration.ofSeconds(10), ConsoleProgress.Unit.BYTES, List.of("4.6 MB/s"));
    private static final ProgressLine EVAL = new ProgressLine("eval", 450, 0, 1000, Duration.ofSeconds(72),
            ConsoleProgress.Unit.IMAGES, List.of("top-1 75.20%", "6.2 img/s", "3 skipped",
            "decode 15, device 7 img/s"));

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {40, 60, 80, 100, 120, 200})
    void everyWidthKeepsTheBarAndDropsWholeFields(int width) {
        for (ProgressLine p : List.of(PULL, EVAL)) {
            String line = p.render(width);
            assertThat(line.length()).as(line).isLessThanOrEqualTo(width);
            assertThat(line).as(line).startsWith(p.task().substring(0, 4)).contains("45%").containsPattern("\\[█+░+\\]");
            int cells = line.indexOf(']') - line.indexOf('[') - 1;
            assertThat(cells).as(line).isGreaterThanOrEqualTo(ProgressLine.MIN_BAR);
            // whatever follows the bar is whole fields, never a field cut short
            String tail = line.substring(line.indexOf(']') + 1);
            List<String> all = new java.util.ArrayList<>(List.of(p.unit().ratio(p.done(), p.total()), "1:28 left",
                    "0:12 left"));
            all.addAll(p.extras());
            all.add(ProgressLine.clock(p.elapsed()) + " spent");
            for (String field : tail.split(" · ")) {
                if (!field.isEmpty()) {
                    assertThat(all).as(line).contains(field);
                }
            }
        }
    }

    @Test
    void eightyColumnsKeepTheCountTheTimeLeftAndTheTopOne() {
        assertThat(EVAL.render(80)).isEqualTo("eval  45% [█████░░░░░░░░] · 450/1,000 img · 1:28 left · top-1 75.20% "
                + "· 6.2 img/s");
        assertThat(PULL.render(80)).startsWith("downloading resnetv2_50x1_bitm.npz  45% [")
                .endsWith("] · 46.1/102.2 MB · 0:12 left");
        assertThat(EVAL.render(200)).endsWith(" · decode 15, device 7 img/s · 1:12 spent");
    }

    @Test
    void aLogLineHasEveryFieldAndNoBar() {
        assertThat(EVAL.log()).isEqualTo("eval: 45% · 450/1,000 img · 1:28 left · top-1 75.20% · 6.2 img/s · 3 skipped "
                + "· decode 15, device 7 img/s · 1:12 spent");
        assertThat(ProgressLine.clock(Duration.ofSeconds(3 * 3600 + 12 * 60 + 5))).isEqualTo("3:12:05");
    }

    @Test
    void logsGetOneLineForAQuickTaskAndTimedLinesForALongOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ConsoleProgress.Lines lines = new ConsoleProgress.Lines(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                ConsoleProgress.Unit.BYTES, now::get, null);

        lines.start("verifying w.npz", 100_000_000, 0);   // hashing a cached file: well under a second
        for (int i = 0; i < 10; i++) {
            now.addAndGet(30_000_000);
            lines.advance(10_000_000);
        }
        lines.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("verifying w.npz: 100.0 MB in 0:00 "
                + "(333.3 MB/s)\n");

        bytes.reset();
        lines.start("downloading w.npz", 100_000_000, 20_000_000);   // resumed, 1 MB/s
        for (int i = 0; i < 80; i++) {
            now.addAndGet(1_000_000_000);
            lines.advance(1_000_000);
        }
        lines.finish();
        String[] said = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(said[0]).isEqualTo("downloading w.npz: 30% · 30.0/100.0 MB · 1:10 left · 1.0 MB/s · 0:10 spent "
                + "(continuing at 20.0 MB)");
        assertThat(said).hasSize(9).allMatch(l -> l.startsWith("downloading w.npz: "));
        assertThat(said[8]).isEqualTo("downloading w.npz: 80.0 MB in 1:20 (1.0 MB/s)");
    }
}
