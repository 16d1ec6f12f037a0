package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {

    private static Prediction p(int i, int label, boolean right, float confidence) {
        return new Prediction(i, "i" + i, label, new int[] {right ? label : label + 1}, new float[1], confidence);
    }

    /**
     * Ten images: four at confidence 0.95 (three right), six at 0.55 (three right). By hand: ECE = 0.4 x |0.75 -
     * 0.95| + 0.6 x |0.5 - 0.55| = 0.08 + 0.03 = 11 points; class 1 (four images, none right) is the worst.
     */
    @Test
    void calibrationAndWorstClassesByHand() {
        List<Prediction> ps = new ArrayList<>();
        ps.add(p(0, 0, true, 0.95f));
        ps.add(p(1, 0, true, 0.95f));
        ps.add(p(2, 0, true, 0.95f));
        ps.add(p(3, 1, false, 0.95f));
        ps.add(p(4, 1, false, 0.55f));
        ps.add(p(5, 1, false, 0.55f));
        ps.add(p(6, 1, false, 0.55f));
        ps.add(p(7, 2, true, 0.55f));
        ps.add(p(8, 2, true, 0.55f));
        ps.add(p(9, 2, true, 0.55f));
        RunAnalysis a = RunAnalysis.of(ps, 2);
        assertThat(a.calibration().ece()).isCloseTo(11.0, within(1e-4));
        RunAnalysis.Bin high = a.calibration().bins().get(14);
        assertThat(high.images()).isEqualTo(4);
        assertThat(high.accuracy()).isCloseTo(75.0, within(1e-9));
        assertThat(a.calibration().bins()).hasSize(RunAnalysis.BINS);
        assertThat(a.classes()).extracting(RunAnalysis.ClassAccuracy::label).containsExactly(1, 0);
        assertThat(a.classes().get(0).correct()).isZero();
        assertThat(a.classes().get(0).interval()).isEqualTo(Stats.wilson(0, 4));
    }

    @Test
    void noConfidencesNoCalibration() {
        RunAnalysis a = RunAnalysis.of(List.of(p(0, 0, true, Float.NaN)), 20);
        assertThat(a.calibration()).isNull();
        assertThat(a.classes()).hasSize(1);
    }
}
