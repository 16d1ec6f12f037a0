package dev.zoo.evaluator.eval;

import dev.zoo.evaluator.data.ClassMask;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.results.Prediction;
import java.util.Arrays;
import java.util.List;

/**
 * How a row of logits becomes a prediction, and what it is counted towards. A 200-class set (ImageNet-A, -R) is
 * scored with its {@code mask}: the other logits are left out before top-k and the softmax, as timm does. An
 * ImageNet-1k validation run also scores its clean counterparts: each image of one of their classes, with their mask,
 * so that no second pass over the images is needed.
 *
 * @param mask       the set's classes, or null for all of them
 * @param clean      whether to score the clean counterparts ({@link Prediction#CLEAN}) beside
 */
public record Scoring(ClassMask mask, boolean clean) {

    public static final Scoring PLAIN = new Scoring(null, false);

    /** How a run on {@code dataset} is scored. */
    public static Scoring of(KnownDataset dataset) {
        return new Scoring(ClassMask.of(dataset).orElse(null), dataset == KnownDataset.IMAGENET);
    }

    /**
     * The prediction for image {@code i} of a batch's logits ({@code classes} wide): top-5 and confidence within the
     * mask, and where asked whether it is right on the clean counterparts.
     */
    public Prediction predict(float[] logits, int i, int classes, int ordinal, String name, int label) {
        float[] row = Arrays.copyOfRange(logits, i * classes, (i + 1) * classes);
        if (mask != null) {
            mask.apply(row, 0, classes);
        }
        int[] top = TopK.indices(row, 0, classes, 5);
        float[] topLogits = new float[top.length];
        for (int k = 0; k < top.length; k++) {
            topLogits[k] = row[top[k]];
        }
        return new Prediction(ordinal, name, label, top, topLogits, Prediction.softmaxTop1(row, 0, classes, top[0]),
                clean ? cleanHits(logits, i, classes, label) : null);
    }

    private static int cleanHits(float[] logits, int i, int classes, int label) {
        int bits = 0;
        for (int k = 0; k < Prediction.CLEAN.size(); k++) {
            ClassMask m = ClassMask.of(Prediction.CLEAN.get(k)).orElseThrow();
            if (!m.contains(label)) {
                continue;
            }
            float[] row = Arrays.copyOfRange(logits, i * classes, (i + 1) * classes);
            m.apply(row, 0, classes);
            int[] top = TopK.indices(row, 0, classes, 5);
            bits |= Prediction.cleanBits(k, top[0] == label, contains(top, label));
        }
        return bits;
    }

    /**
     * Counts a prediction: top-1/top-5 (and ReaL), and the clean counterparts it belongs to, from its stored bits or,
     * for a prediction stored without them, from its top-5 where that decides (else counted undecided).
     */
    public void tally(Accuracy accuracy, Prediction p, int[] real) {
        accuracy.add(p.label(), p.top(), real);
        if (!clean) {
            return;
        }
        for (int k = 0; k < Prediction.CLEAN.size(); k++) {
            ClassMask m = ClassMask.of(Prediction.CLEAN.get(k)).orElseThrow();
            if (!m.contains(p.label())) {
                continue;
            }
            if (p.cleanHits() != null) {
                accuracy.addClean(k, (p.cleanHits() & (1 << (2 * k))) != 0, (p.cleanHits() & (1 << (2 * k + 1))) != 0);
                continue;
            }
            Boolean[] fromTop5 = fromTop5(p.top(), p.label(), m);
            if (fromTop5 == null) {
                accuracy.undecidedClean(k);
            } else {
                accuracy.addClean(k, fromTop5[0], fromTop5[1]);
            }
        }
    }

    /**
     * Top-1/top-5 correctness within {@code mask} from an unmasked top-5, where it decides: leaving classes out never
     * pushes the label down, so a label in the top-5 stays in it, and it is top-1 when no class of the mask ranks above
     * it; a class of the mask above it makes it wrong at top-1. Null when the stored top-5 cannot tell.
     */
    static Boolean[] fromTop5(int[] top, int label, ClassMask mask) {
        int masked = 0;
        for (int t : top) {
            if (t == label) {
                return new Boolean[]{masked == 0, true};
            }
            if (mask.contains(t)) {
                masked++;
            }
        }
        if (top.length >= 5 && masked >= 5) {
            return new Boolean[]{false, false};   // five classes of the mask rank above the label
        }
        return null;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
