package dev.zoo.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Metadata} block of a model or collection. Every field may be null (not given); {@link #withDefaults}
 * fills what a model leaves out from its collection and merges the lists (architecture, tasks, training techniques and
 * data). Keys Zoo does not know are kept in {@code extra}.
 */
public record ModelMetadata(
        Long flops,
        Long parameters,
        Long fileSize,
        List<String> architecture,
        List<String> tasks,
        List<String> trainingTechniques,
        List<String> trainingData,
        String trainingResources,
        String id,
        Double lr,
        Integer epochs,
        Integer layers,
        Double cropPct,
        Double momentum,
        Integer batchSize,
        Integer imageSize,
        Double weightDecay,
        String interpolation,
        Map<String, Object> extra) {

    public static final ModelMetadata EMPTY = new ModelMetadata(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, Map.of());

    public ModelMetadata {
        architecture = copy(architecture);
        tasks = copy(tasks);
        trainingTechniques = copy(trainingTechniques);
        trainingData = copy(trainingData);
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    private static <T> T or(T own, T inherited) {
        return own != null ? own : inherited;
    }

    /** The collection's items, then the model's own that it does not already list. */
    private static List<String> merge(List<String> own, List<String> inherited) {
        if (own == null || inherited == null) {
            return or(own, inherited);
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(inherited);
        all.addAll(own);
        return List.copyOf(all);
    }

    /** Fields set here win; the rest come from {@code parent} (a collection's metadata). */
    public ModelMetadata withDefaults(ModelMetadata parent) {
        if (parent == null) {
            return this;
        }
        Map<String, Object> mergedExtra = new LinkedHashMap<>(parent.extra);
        mergedExtra.putAll(extra);
        return new ModelMetadata(or(flops, parent.flops), or(parameters, parent.parameters),
                or(fileSize, parent.fileSize), merge(architecture, parent.architecture), merge(tasks, parent.tasks),
                merge(trainingTechniques, parent.trainingTechniques), merge(trainingData, parent.trainingData),
                or(trainingResources, parent.trainingResources), id, or(lr, parent.lr), or(epochs, parent.epochs),
                or(layers, parent.layers), or(cropPct, parent.cropPct), or(momentum, parent.momentum),
                or(batchSize, parent.batchSize), or(imageSize, parent.imageSize),
                or(weightDecay, parent.weightDecay), or(interpolation, parent.interpolation), mergedExtra);
    }
}
