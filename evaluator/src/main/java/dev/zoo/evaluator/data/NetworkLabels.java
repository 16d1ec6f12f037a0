package dev.zoo.evaluator.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before any image is evaluated, that the network can predict the data's labels and that they mean the same
 * classes: a label outside the network's outputs would score zero without a word, and ImageNet-1k labels scored against
 * a head with other classes (ImageNet-21k's 21,843) give a number that means nothing.
 */
public final class NetworkLabels {

    private static final int IMAGENET_1K = 1000;

    private NetworkLabels() {
    }

    /**
     * The dataset with labels the network's outputs stand for: as it is when they fit, mapped through {@code map} when
     * one is given.
     *
     * @param model   for messages
     * @param classes the network's number of outputs
     */
    public static Dataset fit(Dataset data, String model, int classes, LabelMap map) throws DatasetException {
        if (map != null) {
            return mapped(data, model, classes, map);
        }
        String advice = "; pass --label-map FILE ('CLASS OUTPUT' per line: a wnid, folder name or label, then the "
                + "network's class index) to say which output stands for each class";
        if (data.classes().imagenet1k() && classes != IMAGENET_1K) {
            throw new DatasetException(String.format(Locale.ROOT, "%s predicts %,d classes, but %s is labelled with "
                    + "ImageNet-1k's %,d: its outputs are not ImageNet-1k classes, so a top-1 against these labels "
                    + "would mean nothing%s", model, classes, data.root(), IMAGENET_1K, advice));
        }
        List<Sample> outside = outside(data, classes);
        if (!outside.isEmpty()) {
            Sample e = outside.get(0);
            Set<Integer> labels = new LinkedHashSet<>();
            outside.forEach(s -> labels.add(s.label()));
            throw new DatasetException(String.format(Locale.ROOT, "%,d of %,d images of %s have labels %s cannot "
                    + "predict (it has %,d classes, 0 … %d): %d label(s), e.g. %s is labelled %d (%s)%s",
                    outside.size(), data.samples().size(), data.root(), model, classes, classes - 1, labels.size(),
                    e.name(), e.label(), data.classes().describe(e.label()), advice));
        }
        return data;
    }

    /** Every (already mapped) label is one of the network's {@code classes} outputs. */
    public static void checkOutputs(Dataset data, String model, int classes) throws DatasetException {
        List<Sample> outside = outside(data, classes);
        if (!outside.isEmpty()) {
            throw new DatasetException(String.format(Locale.ROOT, "the label map sends %,d of %,d images of %s to "
                    + "outputs %s does not have (it has %,d classes), e.g. %s to %d", outside.size(),
                    data.samples().size(), data.root(), model, classes, outside.get(0).name(),
                    outside.get(0).label()));
        }
    }

    /** The samples whose label is none of the network's {@code classes} outputs. */
    private static List<Sample> outside(Dataset data, int classes) {
        return data.samples().stream().filter(s -> s.label() < 0 || s.label() >= classes).toList();
    }

    private static Dataset mapped(Dataset data, String model, int classes, LabelMap map) throws DatasetException {
        Map<Integer, Integer> mapping = new HashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (Sample s : data.samples()) {
            if (mapping.containsKey(s.label())) {
                continue;
            }
            Integer output = data.classes().keys(s.label()).stream().map(map.outputs()::get)
                    .filter(o -> o != null).findFirst().orElse(null);
            if (output == null) {
                unmapped.add(s.name() + " (" + data.classes().describe(s.label()) + ")");
                mapping.put(s.label(), -1);
            } else if (output >= classes) {
                throw new DatasetException(String.format(Locale.ROOT, "%s maps %s to output %d, but %s has %,d "
                        + "classes (0 … %d)", map.file(), data.classes().describe(s.label()), output, model, classes,
                        classes - 1));
            } else {
                mapping.put(s.label(), output);
            }
        }
        if (!unmapped.isEmpty()) {
            throw new DatasetException(String.format(Locale.ROOT, "%s maps %d of the classes of %s to nothing, "
                    + "e.g. %s: every class evaluated needs an output", map.file(), unmapped.size(), data.root(),
                    unmapped.get(0)));
        }
        return data.relabel(mapping);
    }
}
