package dev.zoo.results;

/**
 * What the network said about one image: its top-5 class indices and their logits.
 *
 * @param ordinal the image's place in the evaluation's sorted image list (the same in every shard), its key when
 *                predictions of several runs are merged
 */
public record Prediction(int ordinal, String name, int label, int[] top, float[] logits) {
}
