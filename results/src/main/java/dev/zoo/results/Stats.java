package dev.zoo.results;

/**
 * The statistics behind "how sure is this number": the Wilson score interval of an accuracy (a proportion of scored
 * images), Newcombe's interval of the difference of two accuracies measured on the same images (his method 10: Wilson
 * intervals combined with the pairs' correlation), and McNemar's exact test of whether two classifiers differ on
 * those images (a two-sided binomial test on the images only one of them gets right). All at 95 %.
 */
public final class Stats {

    /** The standard normal quantile of 97.5 %: a two-sided 95 % interval. */
    static final double Z = 1.959963984540054;
    /** The significance level the gate uses unless told otherwise. */
    public static final double ALPHA = 0.05;

    private Stats() {
    }

    /** The Wilson score interval of {@code hits} of {@code n}, in percent; null when nothing was scored. */
    public static Interval wilson(long hits, long n) {
        if (n <= 0) {
            return null;
        }
        double[] w = wilsonFraction(hits, n);
        return new Interval(100 * w[0], 100 * w[1]);
    }

    /** The interval of an accuracy given as a percentage of {@code n} images (the hits it stands for, rounded). */
    public static Interval wilson(double percent, long n) {
        return n <= 0 || !Double.isFinite(percent) ? null : wilson(Math.round(percent * n / 100.0), n);
    }

    private static double[] wilsonFraction(long hits, long n) {
        double p = (double) hits / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * The 2x2 table of two runs on the same images: both right, only A, only B, both wrong.
     */
    public record Paired(long both, long onlyA, long onlyB, long neither) {

        public long n() {
            return both + onlyA + onlyB + neither;
        }

        /** B's accuracy minus A's, in percentage points. */
        public double difference() {
            return n() == 0 ? Double.NaN : 100.0 * (onlyB - onlyA) / n();
        }

        /** Newcombe's 95 % interval of {@link #difference()}, in percentage points. */
        public Interval interval() {
            return Stats.newcombe(this);
        }

        /** McNemar's exact two-sided p-value: could the flips either way be chance? */
        public double pValue() {
            return mcnemar(onlyA, onlyB);
        }
    }

    /**
     * Newcombe (1998), method 10, for B minus A: the Wilson intervals of both accuracies combined with their
     * correlation (phi, corrected toward zero as he prescribes), so that it behaves at 0 flips and at the bounds.
     */
    static Interval newcombe(Paired t) {
        long n = t.n();
        if (n == 0) {
            return null;
        }
        double a = t.both();
        double b = t.onlyB();   // B right, A wrong
        double c = t.onlyA();   // A right, B wrong
        double d = t.neither();
        double pB = (a + b) / n;
        double pA = (a + c) / n;
        double[] wB = wilsonFraction(t.both() + t.onlyB(), n);
        double[] wA = wilsonFraction(t.both() + t.onlyA(), n);
        double delta = pB - pA;
        double denominator = Math.sqrt((a + b) * (c + d) * (a + c) * (b + d));
        double phi;
        if (denominator == 0) {
            phi = 0;
        } else {
            double num = a * d - b * c;
            phi = (num > n / 2.0 ? num - n / 2.0 : num < 0 ? num : 0) / denominator;
        }
        double dl = Math.sqrt(sq(pB - wB[0]) - 2 * phi * (pB - wB[0]) * (wA[1] - pA) + sq(wA[1] - pA));
        double du = Math.sqrt(sq(wB[1] - pB) - 2 * phi * (wB[1] - pB) * (pA - wA[0]) + sq(pA - wA[0]));
        return new Interval(100 * Math.max(-1, delta - dl), 100 * Math.min(1, delta + du));
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * McNemar's exact test: the two-sided binomial p-value of {@code min(b, c)} successes in {@code b + c} trials of
     * one half (1 when there are no discordant pairs). Summed in log space: exact to double precision for 50,000 flips.
     */
    public static double mcnemar(long b, long c) {
        long m = b + c;
        if (m == 0) {
            return 1.0;
        }
        long k = Math.min(b, c);
        // log C(m, i) for i = 0..k, by the recurrence C(m, i) = C(m, i-1) (m - i + 1) / i
        double logC = 0;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[(int) k + 1];
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logC += Math.log(m - i + 1) - Math.log(i);
            }
            terms[i] = logC;
            max = Math.max(max, logC);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        double logTail = max + Math.log(sum) - m * Math.log(2);
        return Math.min(1.0, 2 * Math.exp(logTail));
    }
}
