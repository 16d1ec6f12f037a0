package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.TinyImages;
import dev.zoo.core.Database;
import dev.zoo.registry.TestDatabases;
import dev.zoo.results.Prediction;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded evaluation on a real Slurm cluster (the one-node cluster the test script starts, with
 * {@code tools/slurm-test-cluster.sh}) and a real PostgreSQL database: {@code zoo eval ... --shards 3 --on slurm
 * --wait} submits an sbatch array job, follows it, and its merged run equals an unsharded run, image by image.
 */
class SlurmIT {

    @TempDir
    Path tmp;

    TinyBit tiny;
    ZooProcess zoo;
    String dbUrl;

    @BeforeEach
    void setUp() throws Exception {
        String conf = System.getenv("ZOO_TEST_SLURM_CONF");
        if (System.getenv("ZOO_REQUIRE_SLURM") == null) {
            assumeTrue(conf != null && !conf.isBlank(), "ZOO_TEST_SLURM_CONF not set: Slurm test skipped (the test "
                    + "script starts a one-node cluster and sets it)");
        }
        assertThat(conf).as("ZOO_TEST_SLURM_CONF (ZOO_REQUIRE_SLURM is set)").isNotBlank();
        dbUrl = TestDatabases.postgresSchemaUrl();
        tiny = new TinyBit();
        zoo = new ZooProcess(tmp.resolve("home")).env("SLURM_CONF", conf).env("ZOO_DB_URL", dbUrl)
                .env("ZOO_DB_USER", TestDatabases.postgresUser())
                .env("ZOO_DB_PASSWORD", TestDatabases.postgresPassword() == null ? ""
                        : TestDatabases.postgresPassword());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (tiny != null) {
            tiny.close();
        }
    }

    @Test
    void threeShardsOnSlurmMergeToTheUnshardedNumbers() throws Exception {
        Path catalog = tiny.catalog(tmp.resolve("tiny.yml"), "0.5");
        Path data = TinyImages.classFolders(tmp.resolve("data"), 10, 4);
        // one thread on both sides: the same batches on the same kernels give the same logits, bit for bit
        ZooProcess.Result whole = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--batch", "4", "--threads", "1", "--json", "-q");
        assertThat(whole.exit()).as(whole.toString()).isZero();
        long wholeId = new ObjectMapper().readTree(whole.out()).get("run").get("id").asLong();

        long started = System.nanoTime();
        ZooProcess.Result sharded = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--batch", "4", "--threads", "1", "--shards", "3", "--on", "slurm", "--wait", "-q");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("SlurmIT: 3 shards submitted, run and merged in %.1f s%n", seconds);
        assertThat(sharded.exit()).as(sharded.toString()).isZero();
        assertThat(sharded.out()).contains("submitted Slurm job", "merged from 3 shards");
        Matcher m = Pattern.compile("merged from 3 shards \\(run #(\\d+)\\)").matcher(sharded.out());
        assertThat(m.find()).as(sharded.out()).isTrue();
        long mergedId = Long.parseLong(m.group(1));

        try (Database db = Database.open(dbUrl, TestDatabases.postgresUser(), TestDatabases.postgresPassword())) {
            RunRepository runs = new RunRepository(db);
            Run unsharded = runs.find(wholeId).orElseThrow();
            Run merged = runs.find(mergedId).orElseThrow();
            assertThat(merged.results()).isEqualTo(unsharded.results());
            assertThat(merged.scope().fingerprint()).isEqualTo(unsharded.scope().fingerprint());
            assertThat(merged.isComplete()).isTrue();
            List<Prediction> fromShards = new ArrayList<>();
            List<Run> shards = runs.ofEvaluation(merged.shard().evaluation()).stream()
                    .filter(r -> !r.shard().merged()).toList();
            assertThat(shards).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(Run.Status.COMPLETED));
            for (Run r : shards) {
                fromShards.addAll(runs.predictions(r.id()));
            }
            fromShards.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
            List<Prediction> expected = runs.predictions(wholeId);
            assertThat(fromShards).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(fromShards.get(i).name()).isEqualTo(expected.get(i).name());
                assertThat(fromShards.get(i).top()).containsExactly(expected.get(i).top());
                assertThat(Arrays.equals(fromShards.get(i).logits(), expected.get(i).logits()))
                        .as(expected.get(i).name()).isTrue();
            }
        }
        ZooProcess.Result listing = zoo.run("runs", "--catalog", catalog.toString(), "bit_tiny");
        assertThat(listing.out()).contains("merged from 3 shards", "(shard 0/3)", "(shard 2/3)");
        assertThat(Files.list(tmp.resolve("home/slurm")).map(p -> p.getFileName().toString()).toList())
                .anyMatch(n -> n.endsWith(".sbatch"));
    }
}
