package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.core.ZooException;
import dev.zoo.metadata.KnownDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDiffTest {

    /** 50 images: A gets 1-40 right, B gets 1-38 and 41 right (2 lost, 1 gained); top-5 all right for both. */
    private static List<Prediction> predictions(boolean b) {
        List<Prediction> out = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            boolean right = b ? i <= 38 || i == 41 : i <= 40;
            int label = i % 10;
            int top1 = right ? label : (label + 1) % 10;
            int[] top = {top1, label, 7, 8, 9};
            out.add(new Prediction(i, "img" + i + ".JPEG", label, top, new float[5], b ? i / 100f : 0.5f));
        }
        return out;
    }

    private static Run run(long id, String fingerprint) {
        Scope s = new Scope("Folder", "/data", fingerprint, null, null, 50, 50, 50, 0, true);
        return new Run(id, "m", Run.Status.COMPLETED, s, Runs.PROVENANCE, null, 1.0, null, null, null, null, null,
                List.of());
    }

    @Test
    void tablesIntervalsAndFlipsWorstFirst() {
        RunDiff d = RunDiff.of(run(1, "f".repeat(64)), predictions(false), run(2, "f".repeat(64)), predictions(true),
                10);
        assertThat(d.images()).isEqualTo(50);
        RunDiff.Metric t1 = d.top1();
        assertThat(List.of(t1.both(), t1.onlyA(), t1.onlyB(), t1.neither())).containsExactly(38L, 2L, 1L, 9L);
        assertThat(t1.accuracyA()).isEqualTo(80.0);
        assertThat(t1.accuracyB()).isEqualTo(78.0);
        assertThat(t1.difference()).isCloseTo(-2.0, within(1e-9));
        assertThat(t1.pValue()).isEqualTo(1.0);          // binomtest(1, 3, 0.5): SciPy says 1.0
        assertThat(t1.interval().contains(-2.0)).isTrue();
        assertThat(d.top5().onlyA() + d.top5().onlyB()).isZero();
        assertThat(d.top5().pValue()).isEqualTo(1.0);
        assertThat(d.flipCount()).isEqualTo(3);
        // B's most confident mistakes first (img40 at 0.40, then img39 at 0.39), then what B gained
        assertThat(d.flips()).extracting(RunDiff.Flip::name).containsExactly("img40.JPEG", "img39.JPEG", "img41.JPEG");
        assertThat(d.flips().get(0).regression()).isTrue();
        assertThat(d.flips().get(2).regression()).isFalse();
    }

    @Test
    void otherImagesAndMissingPredictionsAreRefused() {
        assertThatThrownBy(() -> RunDiff.of(run(1, "a".repeat(64)), predictions(false), run(2, "b".repeat(64)),
                predictions(true), 5)).isInstanceOf(ZooException.class).hasMessageContaining("are on other images");
        assertThatThrownBy(() -> RunDiff.of(run(1, null), predictions(false), run(2, null), List.of(), 5))
                .hasMessageContaining("run #2 has no stored predictions");
        assertThatThrownBy(() -> RunDiff.of(run(1, null), predictions(false), run(2, null),
                predictions(true).subList(0, 49), 5)).hasMessageContaining("scored other images");
        assertThat(KnownDataset.FOLDER.label()).isEqualTo("Folder");
    }
}
