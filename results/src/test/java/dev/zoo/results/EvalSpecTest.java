package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.core.ZooException;
import dev.zoo.metadata.KnownDataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EvalSpecTest {

    static final EvalSpec SPEC = new EvalSpec(
            new EvalSpec.Data(Path.of("/data/imagenetv2-matched-frequency"), null,
                    KnownDataset.IMAGENETV2_MATCHED_FREQUENCY, Path.of("/maps/v2.txt"), null, true),
            new EvalSpec.Selection(500, null, new EvalSpec.ShardSpec(1, 4), "ab".repeat(32)),
            new EvalSpec.Compute(64, "gpu:0,1", "fp16", true, null));

    @Test
    void jsonRoundTripsEveryPartAndReadsAsWritten() {
        String json = EvalSpecJson.write(SPEC);
        assertThat(json).doesNotContain("\n").contains("\"folder\":\"/data/imagenetv2-matched-frequency\"",
                "\"dataset\":\"imagenetv2-matched-frequency\"", "\"shard\":{\"index\":1,\"count\":4}",
                "\"precision\":\"fp16\"");
        assertThat(EvalSpecJson.read(json, "test")).isEqualTo(SPEC);
    }

    @Test
    void missingPartsAreTheDefaultsAndTheRequiredOnesAreNamed() {
        EvalSpec minimal = EvalSpecJson.read("{\"data\": {\"folder\": \"/d\"}, \"compute\": {\"batch\": 16}}", "t");
        assertThat(minimal.selection()).isEqualTo(EvalSpec.Selection.ALL);
        assertThat(minimal.compute().threads()).isNull();
        assertThat(minimal.compute().threadsHere()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> EvalSpecJson.read("{\"compute\": {\"batch\": 16}}", "--spec"))
                .isInstanceOf(ZooException.class).hasMessage("--spec: the evaluation spec needs data");
        assertThatThrownBy(() -> EvalSpecJson.read("{\"data\": {\"folder\": \"/d\"}, \"compute\": {}}", "--spec"))
                .hasMessage("--spec at compute: the evaluation spec needs compute.batch");
        assertThatThrownBy(() -> EvalSpecJson.read("{\"data\": {\"folder\": \"\"}, \"compute\": {\"batch\": 1}}",
                "--spec")).hasMessageStartingWith("--spec at data.folder: a path must be a non-empty string");
    }

    @Test
    void badValuesAreRefusedWhereverTheSpecComesFrom() {
        assertThatThrownBy(() -> EvalSpecJson.read("{\"data\": {\"folder\": \"/d\", \"dataset\": \"imagenet-2\"},"
                + " \"compute\": {\"batch\": 16}}", "--spec"))
                .hasMessageStartingWith("--spec at data.dataset: expected one of imagenet, ");
        assertThatThrownBy(() -> EvalSpecJson.read("{\"data\": {\"folder\": \"/d\"}, \"compute\": {\"batch\": 16,"
                + " \"precision\": \"fp8\"}}", "--spec"))
                .hasMessage("--spec at compute: precision: expected one of fp32, tf32, bf16, fp16, found 'fp8'");
        assertThatThrownBy(() -> EvalSpecJson.read("{\"data\": {\"folder\": \"/d\"}, \"selection\": {\"limit\": 5,"
                + " \"subset\": \"/s.txt\"}, \"compute\": {\"batch\": 16}}", "--spec"))
                .hasMessage("--spec at selection: limit and subset are two selections: give one");
        assertThatThrownBy(() -> EvalSpecJson.read("{\"data\": {\"folder\": \"/d\"}, \"compute\": {\"batches\": 16}}",
                "--spec")).hasMessage("--spec at compute.batches: unknown key 'batches' (known: batch, cudnnBenchmark, "
                + "device, precision, threads)");
        assertThatThrownBy(() -> EvalSpecJson.read("[1]", "--spec")).hasMessageStartingWith("--spec: ");
        assertThatThrownBy(() -> EvalSpecJson.read("{", "--spec")).hasMessageStartingWith("--spec: not JSON");
        assertThatThrownBy(() -> new EvalSpec(SPEC.data(), SPEC.selection(),
                new EvalSpec.Compute(EvalSpec.AUTO_BATCH, null, null, false, null)))
                .hasMessageContaining("--batch auto cannot shard");
    }

    @Test
    void aShardTaskGetsAbsolutePathsAndTheSubmittersFingerprint() {
        EvalSpec relative = new EvalSpec(new EvalSpec.Data(Path.of("val"), Path.of("labels.txt"), null, null, null,
                false), null, new EvalSpec.Compute(8, null, null, false, 2));
        EvalSpec task = relative.absolute().forShard(null, "cd".repeat(32));
        assertThat(task.data().folder()).isEqualTo(Path.of("val").toAbsolutePath().normalize());
        assertThat(task.data().labels().isAbsolute()).isTrue();
        assertThat(task.selection().expectFingerprint()).isEqualTo("cd".repeat(32));
        assertThat(task.shard()).isNull();
    }
}
