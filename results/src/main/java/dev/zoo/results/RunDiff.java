package dev.zoo.results;

import dev.zoo.core.Sha256;
import dev.zoo.core.ZooException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs compared image by image on the same images: for top-1 and top-5, the 2x2 table of per-image correctness,
 * B's accuracy minus A's with Newcombe's paired 95 % interval, McNemar's exact p-value, and the images whose top-1
 * flipped, regressions first and the most confident mistakes first. Runs on other images are refused by their data
 * fingerprint: a paired comparison needs the same images.
 *
 * @param images the images both runs scored
 * @param flips  the images whose top-1 correctness differs, worst first (at most the number asked for)
 * @param flipCount how many images flipped at top-1 in all
 */
public record RunDiff(Side a, Side b, int images, Metric top1, Metric top5, List<Flip> flips, int flipCount) {

    /** One run as the comparison names it. */
    public record Side(long run, String model, String recipe, String weightsSha256, String scope) {
        static Side of(Run r) {
            return new Side(r.id(), r.modelId(), r.provenance().recipe(), r.provenance().weightsSha256(),
                    r.scope().label());
        }
    }

    /**
     * One metric: the table (both right, only A, only B, both wrong), each run's accuracy, B minus A with its paired
     * interval, and McNemar's exact p-value.
     */
    public record Metric(long both, long onlyA, long onlyB, long neither, double accuracyA, double accuracyB,
                         double difference, Interval interval, double pValue) {

        static Metric of(Stats.Paired t) {
            long n = t.n();
            return new Metric(t.both(), t.onlyA(), t.onlyB(), t.neither(), 100.0 * (t.both() + t.onlyA()) / n,
                    100.0 * (t.both() + t.onlyB()) / n, t.difference(), t.interval(), t.pValue());
        }

        /** At {@code alpha}: could the flips either way be chance? */
        public boolean significant(double alpha) {
            return pValue < alpha;
        }
    }

    /** An image whose top-1 correctness differs between the runs. */
    public record Flip(String name, int label, int topA, float confidenceA, int topB, float confidenceB,
                       boolean regression) {
    }

    /**
     * Compares two runs from their stored predictions.
     *
     * @param maxFlips how many flipped images to list (all are counted)
     * @throws ZooException (usage) for runs on other images, or without stored predictions
     */
    public static RunDiff of(Run a, List<Prediction> pa, Run b, List<Prediction> pb, int maxFlips) {
        String fa = a.scope().fingerprint();
        String fb = b.scope().fingerprint();
        if (fa != null && fb != null && !fa.equals(fb)) {
            throw ZooException.usage("runs #" + a.id() + " and #" + b.id() + " are on other images (data fingerprint "
                    + Sha256.abbreviate(fa) + " vs " + Sha256.abbreviate(fb) + "; " + a.scope().label() + " vs "
                    + b.scope().label() + "): a paired comparison needs the same images");
        }
        for (var r : List.of(Map.entry(a, pa), Map.entry(b, pb))) {
            if (r.getValue().isEmpty()) {
                throw ZooException.usage("run #" + r.getKey().id() + " has no stored predictions (an upload, or a "
                        + "run from before Zoo stored them): nothing to pair image by image");
            }
        }
        Map<String, Prediction> byName = new HashMap<>();
        pb.forEach(p -> byName.put(p.name(), p));
        long[] t1 = new long[4];
        long[] t5 = new long[4];
        List<Flip> flips = new ArrayList<>();
        int paired = 0;
        for (Prediction x : pa) {
            Prediction y = byName.get(x.name());
            if (y == null) {
                continue;
            }
            paired++;
            count(t1, x.top1Correct(), y.top1Correct());
            count(t5, x.top5Correct(), y.top5Correct());
            if (x.top1Correct() != y.top1Correct()) {
                flips.add(new Flip(x.name(), x.label(), x.top()[0], x.confidence(), y.top()[0], y.confidence(),
                        x.top1Correct()));
            }
        }
        if (paired != pa.size() || paired != pb.size()) {
            throw ZooException.usage("runs #" + a.id() + " and #" + b.id() + " scored other images (" + pa.size()
                    + " and " + pb.size() + " predictions, " + paired + " in common): a paired comparison needs the "
                    + "same images");
        }
        // regressions first; within each, the more confident the wrong answer, the worse
        flips.sort(Comparator.comparing((Flip f) -> !f.regression())
                .thenComparing(f -> -(double) (f.regression() ? nanLow(f.confidenceB()) : nanLow(f.confidenceA())))
                .thenComparing(Flip::name));
        return new RunDiff(Side.of(a), Side.of(b), paired, Metric.of(table(t1)), Metric.of(table(t5)),
                List.copyOf(flips.subList(0, Math.min(maxFlips, flips.size()))), flips.size());
    }

    private static float nanLow(float f) {
        return Float.isNaN(f) ? -1 : f;
    }

    private static void count(long[] t, boolean rightA, boolean rightB) {
        t[rightA ? rightB ? 0 : 1 : rightB ? 2 : 3]++;
    }

    private static Stats.Paired table(long[] t) {
        return new Stats.Paired(t[0], t[1], t[2], t[3]);
    }
}
