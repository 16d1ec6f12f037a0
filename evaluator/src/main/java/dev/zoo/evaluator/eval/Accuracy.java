package dev.zoo.evaluator.eval;

/**
 * Top-1/top-5 accuracy against the single ImageNet label and, where given, against ImageNet-ReaL's label sets (an
 * image counts as correct at k when any of its top-k predictions is in its set, as timm's ReaL scorer does), and on
 * the clean 200-class counterparts of ImageNet-A and -R ({@link Scoring}).
 */
public final class Accuracy {

    private long count;
    private long top1;
    private long top5;
    private long realCount;
    private long realTop1;
    private long realTop5;
    /** Per clean counterpart ({@link dev.zoo.results.Prediction#CLEAN}): images, right at top-1, at top-5. */
    private final long[][] clean = new long[2][3];
    private final long[] undecided = new long[2];

    /** @param realLabels the image's ReaL set, or null when it is not ReaL-scored */
    public synchronized void add(int label, int[] topK, int[] realLabels) {
        count++;
        if (topK.length > 0 && topK[0] == label) {
            top1++;
        }
        if (contains(topK, Math.min(5, topK.length), label)) {
            top5++;
        }
        if (realLabels != null) {
            realCount++;
            if (topK.length > 0 && contains(realLabels, realLabels.length, topK[0])) {
                realTop1++;
            }
            for (int i = 0; i < Math.min(5, topK.length); i++) {
                if (contains(realLabels, realLabels.length, topK[i])) {
                    realTop5++;
                    break;
                }
            }
        }
    }

    /** An image of clean counterpart {@code k}'s classes, scored with its mask. */
    public synchronized void addClean(int k, boolean top1Right, boolean top5Right) {
        clean[k][0]++;
        clean[k][1] += top1Right ? 1 : 0;
        clean[k][2] += top5Right ? 1 : 0;
    }

    /** An image of counterpart {@code k}'s classes whose stored prediction cannot tell how it scores there. */
    public synchronized void undecidedClean(int k) {
        undecided[k]++;
    }

    public synchronized long cleanCount(int k) {
        return clean[k][0];
    }

    public synchronized long cleanUndecided(int k) {
        return undecided[k];
    }

    public synchronized double cleanTop1(int k) {
        return percent(clean[k][1], clean[k][0]);
    }

    public synchronized double cleanTop5(int k) {
        return percent(clean[k][2], clean[k][0]);
    }

    private static boolean contains(int[] values, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (values[i] == v) {
                return true;
            }
        }
        return false;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized long realCount() {
        return realCount;
    }

    /** Percent, as model-index writes accuracies. */
    public synchronized double top1() {
        return percent(top1, count);
    }

    public synchronized double top5() {
        return percent(top5, count);
    }

    public synchronized double realTop1() {
        return percent(realTop1, realCount);
    }

    public synchronized double realTop5() {
        return percent(realTop5, realCount);
    }

    private static double percent(long hits, long n) {
        return n == 0 ? Double.NaN : 100.0 * hits / n;
    }
}
