package dev.zoo.results;

import dev.zoo.metadata.KnownDataset;
import java.util.List;

/**
 * What the network said about one image: its top-5 class indices and their logits, and how sure it was.
 *
 * @param ordinal    the image's place in the evaluation's sorted image list (the same in every shard), its key when
 *                   predictions of several runs are merged
 * @param confidence the softmax probability of the top-1 class (NaN when not recorded: runs from before Zoo kept it)
 * @param cleanHits  whether it is right on the clean 200-class counterparts of an ImageNet-1k run ({@link #CLEAN}):
 *                   bit 2k top-1, bit 2k+1 top-5 for counterpart k, set only where the label is one of its classes;
 *                   null when not computed (other data, or runs from before Zoo computed them)
 */
public record Prediction(int ordinal, String name, int label, int[] top, float[] logits, float confidence,
                         Integer cleanHits) {

    /** The clean counterparts, in the order of {@link #cleanHits}'s bits. */
    public static final List<KnownDataset> CLEAN = List.of(KnownDataset.IMAGENET_A_CLEAN,
            KnownDataset.IMAGENET_R_CLEAN);

    public Prediction(int ordinal, String name, int label, int[] top, float[] logits, float confidence) {
        this(ordinal, name, label, top, logits, confidence, null);
    }

    public Prediction(int ordinal, String name, int label, int[] top, float[] logits) {
        this(ordinal, name, label, top, logits, Float.NaN);
    }

    /** The bits of {@link #cleanHits} for counterpart {@code k}: right at top-1, right at top-5. */
    public static int cleanBits(int k, boolean top1, boolean top5) {
        return (top1 ? 1 << (2 * k) : 0) | (top5 ? 1 << (2 * k + 1) : 0);
    }

    /** The top-1 class is the label. */
    public boolean top1Correct() {
        return top.length > 0 && top[0] == label;
    }

    /** The label is among the top-5 classes. */
    public boolean top5Correct() {
        for (int i = 0; i < Math.min(5, top.length); i++) {
            if (top[i] == label) {
                return true;
            }
        }
        return false;
    }

    /** The softmax probability of the top-1 class from a row of logits, computed stably in double. */
    public static float softmaxTop1(float[] logits, int offset, int classes, int top1) {
        double max = logits[offset + top1];
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return (float) (1.0 / sum);
    }
}
