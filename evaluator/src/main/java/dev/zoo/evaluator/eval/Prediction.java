package dev.zoo.evaluator.eval;

/** What the network said about one image: its top-5 class indices and their logits. */
public record Prediction(String name, int label, int[] top, float[] logits) {
}
