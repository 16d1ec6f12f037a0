package dev.zoo.evaluator.data;

import java.nio.file.Path;

/**
 * One labelled image.
 *
 * @param name    the name that identifies it in predictions and subsets: its path relative to the data folder
 * @param label   the standard class index
 * @param ordinal its place in the sorted list of the whole dataset: the same in every shard and every run, so the
 *                predictions of several runs merge image by image
 */
public record Sample(Path file, String name, int label, int ordinal) {
}
