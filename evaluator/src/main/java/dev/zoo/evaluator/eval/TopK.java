package dev.zoo.evaluator.eval;

/** The k largest logits of a row, largest first (ties: the lower class index first, as a stable sort gives). */
public final class TopK {

    private TopK() {
    }

    public static int[] indices(float[] logits, int offset, int classes, int k) {
        int n = Math.min(k, classes);
        int[] best = new int[n];
        int filled = 0;
        for (int c = 0; c < classes; c++) {
            float v = logits[offset + c];
            if (filled == n && v <= logits[offset + best[n - 1]]) {
                continue;
            }
            int pos = filled < n ? filled++ : n - 1;
            while (pos > 0 && logits[offset + best[pos - 1]] < v) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = c;
        }
        return best;
    }
}
