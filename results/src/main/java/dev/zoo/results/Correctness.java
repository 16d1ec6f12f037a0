package dev.zoo.results;

import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * Which images a run got right, at top-1 and top-5, in image order (the ordinal of the sorted image list): one bit an
 * image, kept in a baseline as Base64 (6.3 kB a metric for all 50,000 ImageNet images), so that a later run on the same
 * images is compared with it image by image even where the baseline's run is not in the database.
 */
public record Correctness(int images, BitSet top1, BitSet top5) {

    public Correctness {
        top1 = (BitSet) top1.clone();
        top5 = (BitSet) top5.clone();
    }

    /** From predictions by ordinal; empty when there are none or they do not cover images 0 … n-1 each once. */
    public static java.util.Optional<Correctness> of(List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return java.util.Optional.empty();
        }
        BitSet t1 = new BitSet();
        BitSet t5 = new BitSet();
        BitSet seen = new BitSet();
        for (Prediction p : predictions) {
            if (p.ordinal() < 0 || seen.get(p.ordinal())) {
                return java.util.Optional.empty();
            }
            seen.set(p.ordinal());
            t1.set(p.ordinal(), p.top1Correct());
            t5.set(p.ordinal(), p.top5Correct());
        }
        if (seen.cardinality() != predictions.size() || seen.nextClearBit(0) != predictions.size()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Correctness(predictions.size(), t1, t5));
    }

    public static String encode(BitSet bits) {
        return Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    public static BitSet decode(String text) {
        return BitSet.valueOf(Base64.getDecoder().decode(text.replaceAll("\\s", "")));
    }

    /** The paired table of {@code later} against this (A: this, the baseline's run; B: later), or null if unlike. */
    public Stats.Paired paired(Correctness later, String metric) {
        if (later.images != images) {
            return null;
        }
        boolean top5 = metric.equalsIgnoreCase(dev.zoo.metadata.Metric.TOP5);
        BitSet a = top5 ? this.top5 : this.top1;
        BitSet b = top5 ? later.top5 : later.top1;
        BitSet both = (BitSet) a.clone();
        both.and(b);
        BitSet onlyA = (BitSet) a.clone();
        onlyA.andNot(b);
        BitSet onlyB = (BitSet) b.clone();
        onlyB.andNot(a);
        long n = images;
        long bothCount = both.cardinality();
        long oa = onlyA.cardinality();
        long ob = onlyB.cardinality();
        return new Stats.Paired(bothCount, oa, ob, n - bothCount - oa - ob);
    }
}
