package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.TinyImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded evaluation from the command line, without a cluster: shards run by hand (or with the index a scheduler
 * gives) merge into one run; the Slurm script and the Kubernetes manifest as {@code --dry-run} prints them; what a
 * submission needs, and says when it is missing.
 */
class ShardCliIT {

    @TempDir
    Path tmp;

    TinyBit tiny;
    ZooProcess zoo;
    Path catalog;
    Path data;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        tiny = new TinyBit();
        zoo = new ZooProcess(tmp.resolve("home"));
        catalog = tiny.catalog(tmp.resolve("tiny.yml"), "0.5");
        data = TinyImages.classFolders(tmp.resolve("data"), 10, 3);
    }

    @AfterEach
    void tearDown() throws Exception {
        tiny.close();
    }

    ZooProcess.Result eval(ZooProcess z, String... more) throws Exception {
        String[] base = {"eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data", data.toString(),
                "--batch", "4", "--threads", "1"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return z.run(all);
    }

    @Test
    void shardsRunByHandMergeIntoOneRun() throws Exception {
        JsonNode whole = json.readTree(eval(zoo, "--json").out()).get("run");
        ZooProcess.Result first = eval(zoo, "--shard", "0/3");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("shard 0/3 of evaluation", "still to do: shards [1, 2]");
        // the index a Slurm array task (or a Kubernetes Indexed Job pod) is given
        ZooProcess.Result second = eval(new ZooProcess(tmp.resolve("home")).env("SLURM_ARRAY_TASK_ID", "2"),
                "--shards", "3");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("shard 2/3", "still to do: shards [1]");
        JsonNode last = json.readTree(eval(new ZooProcess(tmp.resolve("home")).env("JOB_COMPLETION_INDEX", "1"),
                "--shards", "3", "--json").out());
        JsonNode merged = last.get("merged");
        assertThat(merged.get("shard").get("count").asInt()).isEqualTo(3);
        assertThat(merged.get("results")).isEqualTo(whole.get("results"));
        assertThat(merged.get("scope").get("fingerprint")).isEqualTo(whole.get("scope").get("fingerprint"));
        assertThat(merged.get("scope").get("complete").asBoolean()).isTrue();

        ZooProcess.Result runs = zoo.run("runs", "--catalog", catalog.toString(), "bit_tiny");
        assertThat(runs.out()).contains("merged from 3 shards: a folder of 30 images, complete",
                "(shard 0/3)", "(shard 1/3)", "(shard 2/3)");
        ZooProcess.Result noIndex = eval(zoo, "--shards", "3");
        assertThat(noIndex.exit()).isEqualTo(2);
        assertThat(noIndex.err()).contains("needs this shard's index", "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX");
        assertThat(eval(zoo, "--shard", "3/3").exit()).isEqualTo(2);
    }

    @Test
    void dryRunsPrintTheJobAndASubmissionNeedsASharedDatabase() throws Exception {
        ZooProcess.Result slurm = eval(zoo, "--shards", "3", "--on", "slurm", "--dry-run",
                "--sbatch=--partition=gpu", "--device", "gpu:0,1");
        assertThat(slurm.exit()).as(slurm.toString()).isZero();
        assertThat(slurm.out()).startsWith("#!/bin/bash\n").contains("#SBATCH --array=0-2", "#SBATCH --gres=gpu:2",
                "#SBATCH --partition=gpu", "#SBATCH --export=ALL", "--shards 3 --spec '{\"data\":{\"folder\":\""
                        + data + "\"", "\"batch\":4", "\"device\":\"gpu:0,1\"", "\"expectFingerprint\":\"",
                "ZOO_DB_URL must name the PostgreSQL database")
                .doesNotContain("PASSWORD=", "--data ", "--batch ");
        ZooProcess.Result k8s = eval(zoo, "--shards", "3", "--on", "kubernetes", "--dry-run", "--image",
                "registry.local/zoo:1");
        assertThat(k8s.exit()).as(k8s.toString()).isZero();
        assertThat(k8s.out()).contains("kind: Job", "completionMode: Indexed", "completions: 3",
                "image: registry.local/zoo:1", "- '--shards'", "secretKeyRef");
        assertThat(eval(zoo, "--shards", "3", "--on", "kubernetes").exit()).isEqualTo(2);

        ZooProcess.Result h2 = eval(zoo, "--shards", "3", "--on", "slurm");
        assertThat(h2.exit()).isEqualTo(2);
        assertThat(h2.err()).contains("needs a database every node reaches", "ZOO_DB_URL=jdbc:postgresql://");
        assertThat(json.readTree(zoo.run("runs", "--json").out()).get("runs")).isEmpty();
        assertThat(eval(zoo, "--wait").exit()).isEqualTo(2);   // --wait without --on
    }

    @Test
    void aShardTaskRunsFromTheSpecItsScriptCarries() throws Exception {
        ZooProcess.Result script = eval(zoo, "--shards", "2", "--on", "slurm", "--dry-run");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--spec '(\\{[^']*\\})'").matcher(script.out());
        assertThat(m.find()).as(script.out()).isTrue();
        String spec = m.group(1);
        JsonNode parsed = json.readTree(spec);
        assertThat(parsed.at("/compute/precision").asText()).isEqualTo("fp32");   // decided by the submitter
        assertThat(parsed.at("/selection/shard").isNull()).isTrue();              // each task takes its own

        ZooProcess task = new ZooProcess(tmp.resolve("home")).env("SLURM_ARRAY_TASK_ID", "1");
        ZooProcess.Result ran = task.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--shards", "2",
                "--spec", spec, "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode run = json.readTree(ran.out()).get("run");
        assertThat(run.at("/shard/index").asInt()).isEqualTo(1);
        assertThat(json.readTree(run.at("/provenance/spec").asText()).at("/selection/shard/index").asInt())
                .isEqualTo(1);

        Path file = tmp.resolve("spec.json");
        java.nio.file.Files.writeString(file, spec);
        ZooProcess.Result both = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--spec",
                file.toString(), "--batch", "8");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--spec holds every evaluation setting: drop --batch");
        ZooProcess.Result misspelt = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--spec",
                spec.replace("\"batch\"", "\"batches\""));
        assertThat(misspelt.exit()).isEqualTo(2);
        assertThat(misspelt.err()).contains("--spec at compute.batches: unknown key 'batches'");
        ZooProcess.Result shardAndShards = eval(zoo, "--shard", "0/2", "--shards", "2");
        assertThat(shardAndShards.exit()).isEqualTo(2);
        assertThat(shardAndShards.err()).contains("mutually exclusive");
        ZooProcess.Result badCluster = eval(zoo, "--shards", "2", "--on", "lsf");
        assertThat(badCluster.exit()).isEqualTo(2);
        assertThat(badCluster.err()).contains("expected slurm or kubernetes, found 'lsf'");
    }
}
