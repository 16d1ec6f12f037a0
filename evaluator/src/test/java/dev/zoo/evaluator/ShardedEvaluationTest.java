package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Rates;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.Model;
import dev.zoo.core.ZooException;
import dev.zoo.core.Database;
import dev.zoo.core.Progress;
import dev.zoo.core.Sha256;
import dev.zoo.results.EvalSpec;
import dev.zoo.results.Prediction;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One evaluation spread over shards merges to exactly what one unsharded run gives: the same predictions image by
 * image, the same top-1/top-5 to the last bit, whatever the number of shards (more shards than batches included); a
 * shard interrupted and resumed, or run twice, changes nothing; a shard that sees other images refuses.
 */
class ShardedEvaluationTest {

    @TempDir
    Path tmp;

    Database db;
    RunRepository runs;
    EvalJob job;
    Model model;
    Path data;

    @BeforeEach
    void setUp() throws Exception {
        TestHome home = TestHome.open(tmp.resolve("home"));
        db = home.db();
        runs = home.runs();
        job = home.job();
        byte[] weights = Fixtures.bytes("bit-tiny/weights.npz");
        Catalog catalog = new CatalogLoader().load(new CatalogSource.Text("tiny.yml", """
                Models:
                - Name: bit_tiny
                  Metadata: {File Size: %d, Image Size: 32, Crop Pct: 0.875, Interpolation: bicubic}
                  Weights: %s
                  SHA256: %s
                  Preprocessing: {Mean: [0.5, 0.5, 0.5], Std: [0.5, 0.5, 0.5]}
                  Network: {Block Units: [2, 2, 2, 2], Stem Width: 16, Norm Groups: 8, Classes: 10}
                """.formatted(weights.length, Fixtures.path("bit-tiny/weights.npz").toUri(), Sha256.hex(weights))));
        model = catalog.find("bit_tiny").orElseThrow();
        data = TinyImages.classFolders(tmp.resolve("data"), 10, 4);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    EvalJob.Request request(Path on, EvalSpec.ShardSpec shard, String expect) {
        return request(on, shard, expect, 16);
    }

    EvalJob.Request request(Path on, EvalSpec.ShardSpec shard, String expect, int batch) {
        return request(on, shard, expect, batch, 2);
    }

    EvalJob.Request request(Path on, EvalSpec.ShardSpec shard, String expect, int batch, int threads) {
        return new EvalJob.Request(model, new EvalSpec(new EvalSpec.Data(on, null, null, null, null, false),
                new EvalSpec.Selection(null, null, shard, expect), new EvalSpec.Compute(batch, "cpu", null, false,
                threads)), null, null);
    }

    EvalJob.Report run(EvalJob.Request request, Evaluator.Listener listener) {
        return job.run(request, Progress.NONE, listener);
    }

    EvalJob.Report run(EvalJob.Request request) {
        return run(request, new Evaluator.Listener() { });
    }

    /** The predictions of the latest completed run of each shard (what the merge took). */
    List<Prediction> shardPredictions(Run merged) throws Exception {
        List<Prediction> all = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (Run r : runs.ofEvaluation(merged.shard().evaluation())) {   // newest first
            if (!r.shard().merged() && r.status() == Run.Status.COMPLETED && taken.add(r.shard().index())) {
                all.addAll(runs.predictions(r.id()));
            }
        }
        all.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        return all;
    }

    static void assertSamePredictions(List<Prediction> actual, List<Prediction> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Prediction a = actual.get(i);
            Prediction e = expected.get(i);
            assertThat(a.name()).isEqualTo(e.name());
            assertThat(a.label()).isEqualTo(e.label());
            assertThat(a.top()).as(e.name()).containsExactly(e.top());
            // bit for bit: the same float32 logits
            assertThat(Arrays.equals(a.logits(), e.logits())).as(e.name() + " logits").isTrue();
        }
    }

    @Test
    void anyNumberOfShardsMergesToTheUnshardedNumbersExactly() throws Exception {
        EvalJob.Report whole = run(request(data, null, null));
        List<Prediction> expected = runs.predictions(whole.run().id());
        assertThat(expected).hasSize(40);
        for (int n : new int[]{1, 2, 3, 7}) {
            EvalJob.Report last = null;
            for (int k = 0; k < n; k++) {
                last = run(request(data, new EvalSpec.ShardSpec(k, n), null));
                assertThat(last.run().scope().complete()).isFalse();   // a shard is a part; the merged run is whole
                if (k < n - 1) {
                    assertThat(last.merged()).isNull();
                    assertThat(last.missingShards()).doesNotContain(k).contains(n - 1);
                }
            }
            Run merged = last.merged();
            assertThat(merged).as(n + " shards").isNotNull();
            assertThat(merged.results()).as(n + " shards").isEqualTo(whole.run().results());
            assertThat(merged.scope().fingerprint()).isEqualTo(whole.run().scope().fingerprint());
            assertThat(merged.scope().scored()).isEqualTo(40);
            assertThat(merged.isComplete()).isTrue();
            assertThat(merged.shard().label()).isEqualTo("merged from " + n + " shards");
            assertSamePredictions(shardPredictions(merged), expected);
        }
    }

    @Test
    void anInterruptedShardResumesAndARepeatedShardCountsItsImagesOnce() throws Exception {
        // batch 4 throughout: the batch size is part of the evaluation (it decides where shards are cut)
        EvalJob.Report whole = run(request(data, null, null, 4));
        run(request(data, new EvalSpec.ShardSpec(0, 2), null, 4));
        // shard 1 stops after its first batch (as when its process is stopped)...
        AtomicBoolean stopped = new AtomicBoolean();
        EvalJob.Request shard1 = request(data, new EvalSpec.ShardSpec(1, 2), null, 4);
        assertThatThrownBy(() -> run(shard1, new Evaluator.Listener() {
            @Override
            public void progress(int scored, int skipped, int total, double top1, Rates rates) {
                if (stopped.compareAndSet(false, true)) {
                    Thread.currentThread().interrupt();
                }
            }
        })).isInstanceOf(ZooException.class).hasMessageContaining("interrupted");
        Thread.interrupted();
        Run stopped1 = runs.forModel("bit_tiny").get(0);
        assertThat(stopped1.status()).isEqualTo(Run.Status.INTERRUPTED);
        int kept = runs.predictions(stopped1.id()).size();
        assertThat(kept).isBetween(4, 19);

        // ...and the next attempt at that shard continues that run, to the same numbers
        EvalJob.Report resumed = run(shard1);
        assertThat(resumed.run().id()).isEqualTo(stopped1.id());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.outcome().evaluated()).isEqualTo(20 - kept);
        assertThat(resumed.merged().results()).isEqualTo(whole.run().results());

        // a shard run again: merged again, each image still counted once
        EvalJob.Report again = run(request(data, new EvalSpec.ShardSpec(0, 2), null, 4));
        assertThat(again.merged().id()).isEqualTo(resumed.merged().id());
        assertThat(again.merged().scope().scored()).isEqualTo(40);
        assertThat(again.merged().results()).isEqualTo(whole.run().results());
        assertSamePredictions(shardPredictions(again.merged()), runs.predictions(whole.run().id()));
    }

    /**
     * A shard run again (here with other threads: the batch size is part of the evaluation's key) merges again, and
     * every column of the merged run is computed afresh, as a first merge stores it: its provenance (the first shard's
     * threads and spec), times and throughput follow the runs it is now made of.
     */
    @Test
    void aReMergeRewritesEveryDerivedColumnOfTheMergedRun() throws Exception {
        run(request(data, new EvalSpec.ShardSpec(0, 2), null, 4, 2));
        Run first = run(request(data, new EvalSpec.ShardSpec(1, 2), null, 4, 2)).merged();
        assertThat(first.provenance().threads()).isEqualTo(2);

        EvalJob.Report again = run(request(data, new EvalSpec.ShardSpec(0, 2), null, 4, 1));
        Run merged = runs.find(first.id()).orElseThrow();   // as stored, read back
        assertThat(again.merged().id()).isEqualTo(first.id());
        List<Run> shards = runs.ofEvaluation(first.shard().evaluation()).stream()
                .filter(r -> !r.shard().merged()).toList();
        Run shard0 = shards.stream().filter(r -> r.shard().index() == 0).findFirst().orElseThrow();   // newest first
        assertThat(shard0.id()).isEqualTo(again.run().id());
        assertThat(merged.provenance().threads()).isEqualTo(1);
        assertThat(merged.provenance().spec()).isEqualTo(shard0.provenance().spec()).contains("\"threads\":1");
        // the rest of its provenance is the first shard's, but where the shards ran (its devices, "2 shards on cpu")
        assertThat(merged.provenance().with(java.util.Map.of("device", ""))).isEqualTo(shard0.provenance()
                .with(java.util.Map.of("device", "")));
        assertThat(merged.provenance().device()).isEqualTo("2 shards on cpu");
        // the times are the shards' (the first one's start, the last one's end) and the rate is the images over them
        Run shard1 = shards.stream().filter(r -> r.shard().index() == 1).findFirst().orElseThrow();
        java.time.Instant start = shard0.startedAt().isBefore(shard1.startedAt()) ? shard0.startedAt()
                : shard1.startedAt();
        assertThat(merged.startedAt()).isEqualTo(start);
        assertThat(merged.finishedAt()).isEqualTo(shard0.finishedAt());
        double seconds = Math.max(1e-3, java.time.Duration.between(start, shard0.finishedAt()).toMillis() / 1000.0);
        assertThat(merged.imagesPerSecond()).isCloseTo(40 / seconds, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(merged.imagesPerSecond()).isNotEqualTo(first.imagesPerSecond());
        assertThat(merged.results()).isEqualTo(first.results());
        assertThat(merged.scope()).isEqualTo(first.scope());
        assertThat(merged.status()).isEqualTo(Run.Status.COMPLETED);
    }

    @Test
    void aShardThatSeesOtherImagesRefuses() throws Exception {
        EvalJob.Plan submitted = job.plan(request(data, new EvalSpec.ShardSpec(0, 3), null));
        Path other = TinyImages.classFolders(tmp.resolve("other-copy"), 10, 4);
        java.nio.file.Files.delete(other.resolve("class_09/img_003.jpg"));
        assertThatThrownBy(() -> run(request(other, new EvalSpec.ShardSpec(1, 3), submitted.wholeFingerprint())))
                .isInstanceOf(ZooException.class).hasMessageContaining("sees other images")
                .hasMessageContaining("refusing to evaluate a shard of other data");
        assertThat(runs.forModel("bit_tiny")).isEmpty();
        assertThatThrownBy(() -> run(request(data, new EvalSpec.ShardSpec(0, 41), null)))
                .hasMessageContaining("41 shards for 40 images: at most one shard per image");
    }
}
