package dev.zoo.evaluator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Top-k by logit, largest first; ties go to the lower class index, as a stable sort (and torch.topk on CPU) gives. */
class TopKTest {

    @Test
    void largestFirstTiesToTheLowerIndex() {
        float[] row = {0.5f, 2f, 2f, -1f, 2f, 0.5f, 3f};
        assertThat(TopK.indices(row, 0, row.length, 5)).containsExactly(6, 1, 2, 4, 0);
        assertThat(TopK.indices(row, 0, row.length, 1)).containsExactly(6);
    }

    @Test
    void rowsAtAnOffsetAndFewerClassesThanK() {
        float[] batch = {9f, 9f, 9f, /* row 2: */ 1f, 3f, 2f};
        assertThat(TopK.indices(batch, 3, 3, 5)).containsExactly(1, 2, 0);
        float[] equal = {7f, 7f, 7f, 7f, 7f, 7f};
        assertThat(TopK.indices(equal, 0, 6, 5)).containsExactly(0, 1, 2, 3, 4);
    }
}
