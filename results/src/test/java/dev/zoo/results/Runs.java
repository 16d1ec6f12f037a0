package dev.zoo.results;

import dev.zoo.metadata.KnownDataset;
import java.time.Instant;
import java.util.List;

/** Runs for tests: complete, partial and other-data ones, with their scope and a fixed provenance. */
public final class Runs {

    public static final Provenance PROVENANCE = Provenance.of("crop 480", "cpu").with(java.util.Map.of(
            "weightsSha256", "a".repeat(64), "batchSize", 16, "threads", 2, "runtime",
            "BiT ResNetV2 (.npz) on PyTorch 2.7.1", "zooVersion", "0.1.0", "djlVersion", "0.36.0", "torchVersion",
            "2.7.1", "host", "host"));

    private Runs() {
    }

    /** A run on all of a known dataset, every image scored. */
    public static Run complete(long id, String model, KnownDataset dataset, double top1, double top5) {
        Scope scope = new Scope(dataset.label(), "/data/val", "f".repeat(64), null, null, dataset.images(),
                dataset.images(), 0, 0, false).finished(dataset.images(), 0);
        return run(id, model, scope, top1, top5);
    }

    /** The first {@code images} of a known dataset ({@code --limit}). */
    public static Run partial(long id, String model, KnownDataset dataset, int images, double top1, double top5) {
        Scope scope = new Scope(dataset.label(), "/data/val", "e".repeat(64), "first " + images, null,
                dataset.images(), images, 0, 0, false).finished(images, 0);
        return run(id, model, scope, top1, top5);
    }

    /** All of a folder Zoo could not identify. */
    public static Run folder(long id, String model, int images, double top1, double top5) {
        Scope scope = new Scope(KnownDataset.FOLDER.label(), "/tmp/folder", "d".repeat(64), null, null, images,
                images, 0, 0, false).finished(images, 0);
        return run(id, model, scope, top1, top5);
    }

    public static Run run(long id, String model, Scope scope, double top1, double top5) {
        return new Run(id, model, Run.Status.COMPLETED, scope, PROVENANCE, null, 3.0, null,
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T11:00:00Z"), null, null,
                List.of(new Run.Measurement(scope.dataset(), "Top 1 Accuracy", top1),
                        new Run.Measurement(scope.dataset(), "Top 5 Accuracy", top5)));
    }
}
