package dev.zoo.registry;

import dev.zoo.core.Database;
import dev.zoo.core.ZooHome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for tests: an H2 file in a temporary folder, and (when {@code ZOO_TEST_PG_URL} is set, as the test script
 * does after starting Debian's PostgreSQL) a fresh schema on a real PostgreSQL server. With {@code ZOO_REQUIRE_PG} (CI)
 * a missing server fails the test instead of skipping it.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database h2(Path home) {
        return Database.open(new ZooHome(home).defaultDatabaseUrl(), "sa", "");
    }

    /** The PostgreSQL URL of a new, empty schema; skips the test when there is no server and none is required. */
    public static String postgresSchemaUrl() throws Exception {
        String url = System.getenv("ZOO_TEST_PG_URL");
        url = url == null || url.isBlank() ? null : url;
        if (System.getenv("ZOO_REQUIRE_PG") == null) {
            assumeTrue(url != null, "ZOO_TEST_PG_URL not set: PostgreSQL test skipped (the test script sets it)");
        }
        assertThat(url).as("ZOO_TEST_PG_URL (ZOO_REQUIRE_PG is set)").isNotNull();
        String schema = "zoo_test_" + UUID.randomUUID().toString().replace("-", "");
        // plain JDBC: opening Zoo's Database here would migrate the server's public schema with whatever
        // migrations this module's class path has, which another module's tests would then find half done
        String password = postgresPassword();
        try (Connection c = java.sql.DriverManager.getConnection(url, postgresUser(), password == null ? ""
                : password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static Database postgres() throws Exception {
        return Database.open(postgresSchemaUrl(), postgresUser(), postgresPassword());
    }

    public static String postgresUser() {
        return System.getenv("ZOO_TEST_PG_USER");
    }

    public static String postgresPassword() {
        return System.getenv("ZOO_TEST_PG_PASSWORD");
    }
}
