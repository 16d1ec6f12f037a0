package dev.zoo.registry;

import dev.zoo.core.Database;
import dev.zoo.core.Migrations;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations and the registry's repositories on an empty H2 file database and on a real PostgreSQL server
 * ({@link TestDatabases}).
 */
class DatabaseTest {

    @TempDir
    Path home;

    @Test
    void migratesAnEmptyH2FileDatabaseAndRoundTrips() throws Exception {
        try (Database db = TestDatabases.h2(home)) {
            exercise(db);
        }
        // a second open finds the schema current and the rows still there
        try (Database db = TestDatabases.h2(home)) {
            assertThat(new ArtifactRepository(db).find("resnetv2_50x1_bitm")).isPresent();
        }
    }

    @Test
    void migratesAndRoundTripsOnPostgres() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            exercise(db);
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history "
                         + "WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Migrations.newest(Database.class.getClassLoader()).orElseThrow());
            }
        }
    }

    private static void exercise(Database db) throws Exception {
        ArtifactRepository artifacts = new ArtifactRepository(db);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        artifacts.save(new Artifact("resnetv2_50x1_bitm", "http://x/y.npz", Path.of("/tmp/y.npz"), 102_242_668L,
                "ab".repeat(32), Artifact.PinSource.FIRST_DOWNLOAD, t, null));
        artifacts.markVerified("resnetv2_50x1_bitm", t.plusSeconds(5));
        Artifact a = artifacts.find("resnetv2_50x1_bitm").orElseThrow();
        assertThat(a.size()).isEqualTo(102_242_668L);
        assertThat(a.downloadedAt()).isEqualTo(t);
        assertThat(a.verifiedAt()).isEqualTo(t.plusSeconds(5));
    }
}
