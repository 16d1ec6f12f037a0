package dev.zoo.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's per-image predictions tell beyond its two numbers: accuracy per class (the worst classes, each with its
 * 95 % interval: a class of 50 images is known to about ±12 points) and calibration (does a confidence of 0.8 mean right
 * 80 % of the time?): the top-1 softmax confidences in 15 equal bins and the expected calibration error.
 *
 * @param classes     the classes by top-1 accuracy, worst first (at most the number asked for)
 * @param calibration null when the run stored no confidences (runs from before Zoo kept them)
 */
public record RunAnalysis(int images, List<ClassAccuracy> classes, Calibration calibration) {

    /** The bins of a reliability diagram, as is usual (Guo et al. 2017). */
    public static final int BINS = 15;

    /** One class: its images, how many got top-1 right, and the interval. */
    public record ClassAccuracy(int label, int images, int correct, double accuracy, Interval interval) {
    }

    /** One bin of confidences: its range, images, their mean confidence and their top-1 accuracy (percent). */
    public record Bin(double from, double to, int images, double confidence, double accuracy) {
    }

    /** Expected calibration error (percentage points, the bins' gaps weighted by their images), and the bins. */
    public record Calibration(double ece, List<Bin> bins) {
    }

    public static RunAnalysis of(List<Prediction> predictions, int worstClasses) {
        Map<Integer, int[]> perClass = new TreeMap<>();
        double[] confSum = new double[BINS];
        int[] binCount = new int[BINS];
        int[] binRight = new int[BINS];
        boolean confident = !predictions.isEmpty();
        for (Prediction p : predictions) {
            int[] c = perClass.computeIfAbsent(p.label(), k -> new int[2]);
            c[0]++;
            if (p.top1Correct()) {
                c[1]++;
            }
            if (Float.isNaN(p.confidence())) {
                confident = false;
                continue;
            }
            int b = Math.min(BINS - 1, (int) (p.confidence() * BINS));
            binCount[b]++;
            confSum[b] += p.confidence();
            binRight[b] += p.top1Correct() ? 1 : 0;
        }
        List<ClassAccuracy> classes = new ArrayList<>();
        perClass.forEach((label, c) -> classes.add(new ClassAccuracy(label, c[0], c[1], 100.0 * c[1] / c[0],
                Stats.wilson(c[1], c[0]))));
        classes.sort(Comparator.comparingDouble(ClassAccuracy::accuracy).thenComparing(c -> -c.images())
                .thenComparingInt(ClassAccuracy::label));
        Calibration calibration = null;
        if (confident) {
            List<Bin> bins = new ArrayList<>();
            double ece = 0;
            for (int b = 0; b < BINS; b++) {
                if (binCount[b] == 0) {
                    bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, 0, Double.NaN, Double.NaN));
                    continue;
                }
                double conf = confSum[b] / binCount[b];
                double acc = (double) binRight[b] / binCount[b];
                ece += (double) binCount[b] / predictions.size() * Math.abs(acc - conf);
                bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, binCount[b], 100 * conf, 100 * acc));
            }
            calibration = new Calibration(100 * ece, bins);
        }
        return new RunAnalysis(predictions.size(), List.copyOf(classes.subList(0, Math.min(worstClasses,
                classes.size()))), calibration);
    }
}
