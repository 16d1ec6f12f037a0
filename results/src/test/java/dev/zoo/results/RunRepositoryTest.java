package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.registry.Database;
import dev.zoo.registry.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs and their results on an H2 file database and on a real PostgreSQL server. */
class RunRepositoryTest {

    @TempDir
    Path home;

    @Test
    void roundTripsOnH2() throws Exception {
        try (Database db = TestDatabases.h2(home)) {
            exercise(db);
        }
    }

    @Test
    void roundTripsOnPostgres() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            exercise(db);
        }
    }

    private static void exercise(Database db) throws Exception {
        RunRepository runs = new RunRepository(db);
        long id = runs.start(new Run(null, "resnetv2_50x1_bitm", null, "ImageNet", "validation", "/data/val", null,
                null, 50_000, "crop 480", "cpu", 16, 2, "ab".repeat(32), "0.1.0", "0.36.0", "2.7.1", "host", null,
                null, null, null, List.of()));
        assertThat(runs.find(id).orElseThrow().status()).isEqualTo(Run.Status.RUNNING);
        runs.finish(id, Run.Status.COMPLETED, List.of(new Run.Measurement("ImageNet", "Top 1 Accuracy", 80.19),
                new Run.Measurement("ImageNet-ReaL", "Top 1 Accuracy", 86.0)), 50_000, 12.5, null);
        Run done = runs.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(Run.Status.COMPLETED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.imagesPerSecond()).isEqualTo(12.5);
        assertThat(done.results()).hasSize(2);
        assertThat(runs.forModel("resnetv2_50x1_bitm")).extracting(Run::id).contains(id);
    }
}
