package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each statistic against values computed independently: Wilson intervals and McNemar's exact test with SciPy 1.10
 * ({@code binomtest(k, n).proportion_ci(method='wilson')}, {@code binomtest(min(b, c), b + c, 0.5).pvalue}), and
 * Newcombe's paired interval with a separate Python implementation of his method 10 (whose first row is his own worked
 * example: 0.0569 to 0.3404).
 */
class StatsTest {

    @ParameterizedTest
    @CsvSource({
            "0, 10, 0.0, 27.753279986288927",
            "10, 10, 72.24672001371108, 100.0",
            "1, 50, 0.35392592716462223, 10.495443589637814",
            "40, 50, 66.96289406777458, 88.75624998422389",
            "401, 500, 76.48260209304159, 83.45688774308066",
            "40095, 50000, 79.83833265667687, 80.53702875403025",
            "1, 1, 20.654931437723747, 100.0",
            "3, 7, 15.82198552514697, 74.95416354723427"})
    void wilsonIntervals(long hits, long n, double low, double high) {
        Interval i = Stats.wilson(hits, n);
        assertThat(i.low()).isCloseTo(low, within(1e-9));
        assertThat(i.high()).isCloseTo(high, within(1e-9));
        assertThat(Stats.wilson(100.0 * hits / n, n)).isEqualTo(i);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0, 1.0",
            "0, 5, 0.0625",
            "5, 0, 0.0625",
            "3, 3, 1.0",
            "10, 2, 0.03857421875",
            "2, 10, 0.03857421875",
            "1, 9, 0.021484375",
            "120, 95, 0.10145232764870683",
            "50, 0, 1.7763568394002505e-15"})
    void mcnemarExact(long onlyA, long onlyB, double p) {
        assertThat(Stats.mcnemar(onlyA, onlyB)).isCloseTo(p, within(Math.max(1e-12, p * 1e-9)));
    }

    /** (both right, only A, only B, both wrong): B minus A, in points. */
    @ParameterizedTest
    @CsvSource({
            "36, 2, 12, 0, 5.6929584003238745, 34.04276029749408",
            "40, 0, 0, 10, -5.7092247699851395, 5.7092247699851395",
            "25, 5, 5, 15, -12.609556298864247, 12.609556298864247",
            "0, 0, 50, 0, 89.90992576628452, 100.0",
            "400, 20, 5, 75, -5.077254905241861, -1.0083283357036892",
            "39000, 300, 250, 10450, -0.1921383664371659, -0.007916781500277435"})
    void newcombePairedDifference(long both, long onlyA, long onlyB, long neither, double low, double high) {
        Stats.Paired t = new Stats.Paired(both, onlyA, onlyB, neither);
        assertThat(t.interval().low()).isCloseTo(low, within(1e-9));
        assertThat(t.interval().high()).isCloseTo(high, within(1e-9));
        assertThat(t.interval().contains(t.difference())).isTrue();
    }
}
