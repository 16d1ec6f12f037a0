package dev.zoo.evaluator.data;

import java.nio.file.Path;

/**
 * One labelled image.
 *
 * @param name  the name that identifies it in predictions and subsets: its path relative to the data folder
 * @param label the standard class index
 */
public record Sample(Path file, String name, int label) {
}
