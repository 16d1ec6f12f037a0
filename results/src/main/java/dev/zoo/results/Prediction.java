package dev.zoo.results;

/**
 * What the network said about one image: its top-5 class indices and their logits, and how sure it was.
 *
 * @param ordinal    the image's place in the evaluation's sorted image list (the same in every shard), its key when
 *                   predictions of several runs are merged
 * @param confidence the softmax probability of the top-1 class (NaN when not recorded: runs from before Zoo kept it)
 */
public record Prediction(int ordinal, String name, int label, int[] top, float[] logits, float confidence) {

    public Prediction(int ordinal, String name, int label, int[] top, float[] logits) {
        this(ordinal, name, label, top, logits, Float.NaN);
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
