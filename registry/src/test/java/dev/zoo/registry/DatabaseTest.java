package dev.zoo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.DefaultCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations and repositories on an empty H2 file database and, when {@code ZOO_TEST_PG_URL} is set (as the test
 * script does after starting Debian's PostgreSQL), on a real PostgreSQL server.
 */
class DatabaseTest {

    @TempDir
    Path home;

    @Test
    void migratesAnEmptyH2FileDatabaseAndRoundTrips() throws Exception {
        try (Database db = Database.open(new ZooHome(home).defaultDatabaseUrl(), "sa", "")) {
            exercise(db);
        }
        // a second open finds the schema current and the rows still there
        try (Database db = Database.open(new ZooHome(home).defaultDatabaseUrl(), "sa", "")) {
            assertThat(new ModelRepository(db).catalogIds()).hasSize(6);
        }
    }

    @Test
    void migratesAndRoundTripsOnPostgres() throws Exception {
        String url = System.getenv("ZOO_TEST_PG_URL");
        if (System.getenv("ZOO_REQUIRE_PG") == null) {
            assumeTrue(url != null, "ZOO_TEST_PG_URL not set: PostgreSQL test skipped (the test script sets it)");
        }
        assertThat(url).as("ZOO_TEST_PG_URL (ZOO_REQUIRE_PG is set)").isNotNull();
        String schema = "zoo_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Database admin = Database.open(url, System.getenv("ZOO_TEST_PG_USER"), System.getenv("ZOO_TEST_PG_PASSWORD"));
             Connection c = admin.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Database db = Database.open(scoped, System.getenv("ZOO_TEST_PG_USER"), System.getenv("ZOO_TEST_PG_PASSWORD"))) {
            assertThat(db.isPostgres()).isTrue();
            exercise(db);
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Database.SCHEMA_VERSION);
            }
        }
    }

    @Test
    void lostConnectionsAreRecognisedForARetry() {
        assertThat(Sql.connectionLost(new java.sql.SQLException("gone", "08006"))).isTrue();
        assertThat(Sql.connectionLost(new java.sql.SQLException("closed", "90121", 90121))).isTrue();
        assertThat(Sql.connectionLost(new java.sql.SQLException("wrapped", "HY000",
                new java.sql.SQLException("broken", "90067", 90067)))).isTrue();
        assertThat(Sql.connectionLost(new java.sql.SQLException("syntax", "42000", 42000))).isFalse();
    }

    private static void exercise(Database db) throws Exception {
        ModelRepository models = new ModelRepository(db);
        models.sync(new CatalogLoader().load(DefaultCatalog.source()));
        models.sync(new CatalogLoader().load(DefaultCatalog.source()));   // idempotent
        assertThat(models.catalogIds()).hasSize(6).contains("resnetv2_50x3_bitm");
        assertThat(models.claimed("resnetv2_50x3_bitm", "ImageNet", "Top 1 Accuracy")).isEqualTo(83.75);

        ArtifactRepository artifacts = new ArtifactRepository(db);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        artifacts.save(new Artifact("resnetv2_50x1_bitm", "http://x/y.npz", Path.of("/tmp/y.npz"), 102_242_668L,
                "ab".repeat(32), Artifact.PinSource.FIRST_DOWNLOAD, t, null));
        artifacts.markVerified("resnetv2_50x1_bitm", t.plusSeconds(5));
        Artifact a = artifacts.find("resnetv2_50x1_bitm").orElseThrow();
        assertThat(a.size()).isEqualTo(102_242_668L);
        assertThat(a.downloadedAt()).isEqualTo(t);
        assertThat(a.verifiedAt()).isEqualTo(t.plusSeconds(5));

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
