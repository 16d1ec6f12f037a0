package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.core.Database;
import dev.zoo.registry.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs, their scope and the questions asked of them ("the latest complete run", "the runs on these images"), on an H2
 * file database and on a real PostgreSQL server.
 */
class RunRepositoryTest {

    @TempDir
    Path home;

    @Test
    void onH2() throws Exception {
        try (Database db = TestDatabases.h2(home)) {
            exercise(db);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            exercise(db);
        }
    }

    private static void exercise(Database db) throws Exception {
        RunRepository runs = new RunRepository(db);
        String model = "resnetv2_50x1_bitm";

        // a complete ImageNet run, then a smoke test with --limit 5: the smoke test never becomes "the" measurement
        long full = runs.insertCompleted(Runs.complete(0, model, KnownDataset.IMAGENET, 80.19, 95.63));
        long smoke = runs.insertCompleted(Runs.partial(0, model, KnownDataset.IMAGENET, 5, 100.0, 100.0));
        long folder = runs.insertCompleted(Runs.folder(0, model, 30, 10.0, 50.0));
        Run stored = runs.find(full).orElseThrow();
        assertThat(stored.isComplete()).isTrue();
        assertThat(stored.scope().label()).isEqualTo("ImageNet-1k validation, complete (50,000 images)");
        assertThat(stored.provenance()).isEqualTo(Runs.PROVENANCE);
        assertThat(runs.find(smoke).orElseThrow().scope().label())
                .isEqualTo("ImageNet-1k validation, partial: 5 of 50,000 images scored (first 5)");
        assertThat(runs.latestComplete(model, "ImageNet", false)).map(Run::id).contains(full);
        assertThat(runs.latestFinished(model, false, null)).map(Run::id).contains(folder);   // complete w.r.t. itself
        assertThat(runs.latestFinished(model, false, "/data/val")).map(Run::id).contains(full);
        assertThat(runs.latestFinished(model, true, "/data/val")).map(Run::id).contains(smoke);
        assertThat(runs.latestOnImages(model, "e".repeat(64), false)).map(Run::id).contains(smoke);
        assertThat(runs.forModel(model)).extracting(Run::id).containsExactly(folder, smoke, full);

        Map<String, RunRepository.Latest> latest = runs.latestPerDataset().get(model);
        assertThat(latest.get("ImageNet").complete().id()).isEqualTo(full);
        assertThat(latest.get("ImageNet").other().id()).isEqualTo(smoke);
        assertThat(latest.get(RunRepository.folderKey("d".repeat(64))).complete().id()).isEqualTo(folder);

        // a running evaluation: progress by heartbeat; silent for a minute, it is shown as interrupted
        Scope planned = new Scope("ImageNet", "/data/val", "c".repeat(64), null, null, 50_000, 50_000, 0, 0, false);
        long running = runs.start(new Run(null, model, Run.Status.RUNNING, planned, Runs.PROVENANCE, null, null, null,
                null, null, null, null, List.of()));
        runs.heartbeat(running, 120, 1);
        Run alive = runs.find(running).orElseThrow();
        assertThat(alive.status()).isEqualTo(Run.Status.RUNNING);
        assertThat(alive.scope().scored()).isEqualTo(120);
        assertThat(runs.unfinished(model, "a".repeat(64), "crop 480", "c".repeat(64))).extracting(Run::id)
                .containsExactly(running);
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE runs SET heartbeat_at = heartbeat_at - INTERVAL '5' MINUTE WHERE id = " + running);
        }
        Run gone = runs.find(running).orElseThrow();
        assertThat(gone.status()).isEqualTo(Run.Status.INTERRUPTED);
        // a run without its evaluation spec (an older Zoo's) is continued by its model and data
        assertThat(gone.error()).contains("the evaluating process is gone", "; zoo eval " + model
                + " --data /data/val --resume continues it");
        // one with it, by its ID, with the catalogue that defined its model
        long withSpec = runs.start(new Run(null, model, Run.Status.RUNNING, planned, Runs.PROVENANCE.with(Map.of(
                "spec", "{}", "catalogue", "/cards/my models.yml")), null, null, null, null, null, null, null,
                List.of()));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE runs SET heartbeat_at = heartbeat_at - INTERVAL '5' MINUTE WHERE id = " + withSpec);
        }
        assertThat(runs.find(withSpec).orElseThrow().error()).endsWith("; zoo eval --resume " + withSpec
                + " --catalog '/cards/my models.yml' continues it");
        runs.finish(withSpec, Run.Status.FAILED, null, List.of(), null, null, "stopped by the test");
        assertThat(gone.scope().label()).contains("partial: 120 of 50,000 images scored", "1 unreadable skipped");

        // finishing it with every image scored makes it complete; with a skipped image it would not be
        runs.markRunning(running);
        runs.finish(running, Run.Status.COMPLETED, planned.finished(49_999, 1), List.of(
                new Run.Measurement("ImageNet", "Top 1 Accuracy", 80.2)), 9.5, new Run.Throughput(12.0, 30.0), null);
        Run skipped = runs.find(running).orElseThrow();
        assertThat(skipped.isComplete()).isFalse();
        assertThat(skipped.throughput()).isEqualTo(new Run.Throughput(12.0, 30.0));
        assertThat(skipped.throughput().bottleneck()).isEqualTo("decode");
        assertThat(runs.latestComplete(model, "ImageNet", false)).map(Run::id).contains(full);

        shardsAndPredictions(runs);
        originsAndChanges(db);
        recipeChanges(db);
    }

    /**
     * A reported upload never stands as measured (table, gate, baseline) unless asked; relabelling and removal are
     * kept with their reasons, and refused where they would lose or promote something.
     */
    private static void originsAndChanges(Database db) {
        RunRepository runs = new RunRepository(db);
        RunChanges changes = new RunChanges(db);
        String model = "resnetv2_101x1_bitm";
        long measured = runs.insertCompleted(Runs.complete(0, model, KnownDataset.IMAGENET, 82.0, 96.0));
        Run bare = Runs.complete(0, model, KnownDataset.IMAGENET, 99.0, 99.5);
        long reported = runs.insertCompleted(bare.withProvenance(Provenance.NONE.with(Map.of("origin",
                Origin.REPORTED.label()))));
        assertThat(runs.find(reported).orElseThrow().isComplete()).isFalse();
        assertThat(runs.find(reported).orElseThrow().scopeLabel())
                .isEqualTo("reported, not reproduced: ImageNet-1k validation, complete (50,000 images)");
        assertThat(runs.latestComplete(model, "ImageNet", false)).map(Run::id).contains(measured);
        assertThat(runs.latestComplete(model, "ImageNet", true)).map(Run::id).contains(reported);
        assertThat(runs.latestOnImages(model, "f".repeat(64), false)).map(Run::id).contains(measured);
        assertThat(runs.latestFinished(model, false, null)).map(Run::id).contains(measured);
        Scope four = new Scope(KnownDataset.FOLDER.label(), "/tmp/four", "c".repeat(64), null, null, 4, 4, 0, 0,
                false).finished(4, 0);
        long big = runs.insertCompleted(Runs.folder(0, model, 50, 12.0, 40.0));
        long small = runs.insertCompleted(Runs.run(0, model, four, 25.0, 75.0));
        Map<String, RunRepository.Latest> perDataset = runs.latestPerDataset().get(model);
        assertThat(perDataset.get(RunRepository.folderKey("d".repeat(64))).complete().id()).isEqualTo(big);
        assertThat(perDataset.get(RunRepository.folderKey("c".repeat(64))).complete().id()).isEqualTo(small);
        RunRepository.Latest latest = perDataset.get("ImageNet");
        assertThat(latest.complete().id()).isEqualTo(measured);
        assertThat(latest.other().id()).isEqualTo(reported);

        String stamp = runs.changeStamp();
        RunChanges.Change relabelled = changes.markReported(measured, "weights were not the card's", "tester");
        assertThat(relabelled.detail()).isEqualTo("origin measured -> reported");
        assertThat(runs.changeStamp()).isNotEqualTo(stamp);   // a cached table sees the relabelling
        assertThat(runs.latestComplete(model, "ImageNet", false)).isEmpty();
        assertThatThrownBy(() -> changes.markReported(measured, "again", "tester"))
                .hasMessageContaining("already reported, not reproduced");
        assertThatThrownBy(() -> changes.remove(reported, " ", "tester")).hasMessageContaining("say why");

        RunChanges.Change removed = changes.remove(reported, "a test upload", "tester");
        assertThat(removed.detail()).startsWith("run #" + reported + " of " + model + ", completed (reported), "
                + "ImageNet-1k validation, complete (50,000 images): top-1 99.00, top-5 99.50");
        assertThat(runs.find(reported)).isEmpty();
        assertThat(changes.of(reported)).extracting(RunChanges.Change::action)
                .containsExactly(RunChanges.Action.REMOVED);
        assertThat(changes.of(measured)).extracting(RunChanges.Change::reason)
                .containsExactly("weights were not the card's");
        assertThatThrownBy(() -> changes.remove(reported, "twice", "tester"))
                .hasMessageContaining("no run " + reported + " (removed ").hasMessageContaining("a test upload");
    }

    /** A run at another input size than the card's (--image-size, --crop-pct) is recorded but never is the model's number. */
    private static void recipeChanges(Database db) {
        RunRepository runs = new RunRepository(db);
        String model = "resnet50";
        long card = runs.insertCompleted(Runs.complete(0, model, KnownDataset.IMAGENET, 79.0, 94.6));
        Run bare = Runs.complete(0, model, KnownDataset.IMAGENET, 80.4, 95.1);
        long bigger = runs.insertCompleted(bare.withProvenance(Runs.PROVENANCE.with(Map.of("recipeChange",
                "image size 288 (card 224)"))));
        Run stored = runs.find(bigger).orElseThrow();
        assertThat(stored.provenance().recipeChange()).isEqualTo("image size 288 (card 224)");
        assertThat(stored.isComplete()).isFalse();
        assertThat(stored.scopeLabel()).isEqualTo("at another recipe than the card's (image size 288 (card 224)): "
                + "ImageNet-1k validation, complete (50,000 images)");
        assertThat(runs.latestComplete(model, "ImageNet", false)).map(Run::id).contains(card);
        RunRepository.Latest latest = runs.latestPerDataset().get(model).get("ImageNet");
        assertThat(latest.complete().id()).isEqualTo(card);
    }

    /** Predictions stored batch by batch with the progress, and a sharded evaluation merged once, on both databases. */
    private static void shardsAndPredictions(RunRepository runs) throws Exception {
        String key = "9".repeat(64);
        Scope half = new Scope("Folder", "/d", "a".repeat(64), "shard 0/2", null, 4, 2, 0, 0, false);
        runs.ensureEvaluation(new Shard(key, 0, 2), "m", "b".repeat(64));
        runs.ensureEvaluation(new Shard(key, 1, 2), "m", "b".repeat(64));   // the second shard finds it
        long a = runs.start(new Run(null, "m", Run.Status.RUNNING, half, Runs.PROVENANCE, new Shard(key, 0, 2),
                null, null, null, null, null, null, List.of()));
        float tiny = Math.nextUp(1.0f);
        runs.recordBatch(a, List.of(new Prediction(0, "x/0.jpg", 1, new int[]{1, 2}, new float[]{tiny, -3.5f}),
                new Prediction(1, "x/1,\"odd\".jpg", 2, new int[]{0}, new float[]{7f})), 2, 0);
        assertThat(runs.find(a).orElseThrow().scope().scored()).isEqualTo(2);
        List<Prediction> stored = runs.predictions(a);
        assertThat(stored).extracting(Prediction::name).containsExactly("x/0.jpg", "x/1,\"odd\".jpg");
        assertThat(stored.get(0).logits()).containsExactly(tiny, -3.5f);   // float32 kept bit for bit
        runs.finish(a, Run.Status.COMPLETED, half.finished(2, 0), List.of(), 1.0, null, null);

        RunRepository.Merger merger = (shards, predictions) -> {
            assertThat(predictions).extracting(Prediction::ordinal).containsExactly(0, 1, 2, 3);
            return new Run(null, "m", Run.Status.COMPLETED, new Scope("Folder", "/d", "b".repeat(64), null, null, 4,
                    4, 0, 0, false).finished(4, 0), Runs.PROVENANCE, new Shard(key, null, 2), 2.0, null, null,
                    null, null, null, List.of(new Run.Measurement("Folder", "Top 1 Accuracy", 50.0)));
        };
        assertThat(runs.mergeIfComplete(key, merger).missing()).containsExactly(1);
        long b = runs.start(new Run(null, "m", Run.Status.RUNNING, half, Runs.PROVENANCE, new Shard(key, 1, 2),
                null, null, null, null, null, null, List.of()));
        runs.recordBatch(b, List.of(new Prediction(2, "y/2.jpg", 0, new int[]{0}, new float[]{1f}),
                new Prediction(3, "y/3.jpg", 0, new int[]{1}, new float[]{1f})), 2, 0);
        runs.finish(b, Run.Status.COMPLETED, half.finished(2, 0), List.of(), 1.0, null, null);
        Run merged = runs.mergeIfComplete(key, merger).merged();
        assertThat(merged.shard().merged()).isTrue();
        assertThat(merged.isComplete()).isTrue();
        // merging again (a shard run twice) updates the same merged run
        assertThat(runs.mergeIfComplete(key, merger).merged().id()).isEqualTo(merged.id());
        assertThat(runs.ofEvaluation(key)).extracting(Run::id).containsExactly(merged.id(), b, a);
    }
}
