package dev.zoo.registry;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The results database: an Agroal connection pool over H2 (default, a file in ZOO_HOME) or PostgreSQL (by URL), with
 * the schema kept by Flyway migrations in {@code db/migration}.
 */
public final class Database implements AutoCloseable {

    private final AgroalDataSource dataSource;
    private final String url;

    private Database(AgroalDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
    }

    /** Whether Zoo can use the database at this JDBC URL: H2 and PostgreSQL (the drivers it ships). */
    public static boolean supports(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:h2:") || u.startsWith("jdbc:postgresql:");
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(String url, String user, String password) throws DatabaseException {
        if (!supports(url)) {
            throw new DatabaseException("Zoo uses H2 or PostgreSQL (jdbc:h2:... or jdbc:postgresql://...), not "
                    + redact(url), null);
        }
        AgroalDataSource ds;
        try {
            ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool
                            .minSize(0)
                            .initialSize(0)
                            .maxSize(8)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(cf -> {
                                cf.jdbcUrl(url);
                                if (user != null) {
                                    cf.principal(new NamePrincipal(user));
                                }
                                if (password != null) {
                                    cf.credential(new SimplePassword(password));
                                }
                                if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
                                    // predictions are inserted in batches: one multi-row INSERT per batch
                                    cf.jdbcProperty("reWriteBatchedInserts", "true");
                                }
                                return cf;
                            })));
        } catch (SQLException e) {
            throw new DatabaseException("cannot open the database " + redact(url) + ": " + e.getMessage(), e);
        }
        Database db = new Database(ds, url);
        try {
            db.migrate();
        } catch (RuntimeException | DatabaseException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The version of the newest migration in {@code db/migration} (a test keeps the two in step). */
    static final int SCHEMA_VERSION = 5;

    private void migrate() throws DatabaseException {
        if (schemaIsCurrent()) {
            return;   // most commands: skip Flyway's scan and validation (a few hundred ms per start)
        }
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseException("cannot bring the schema of " + redact(url) + " up to date: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** True when Flyway already applied every migration this build knows (and none failed). */
    private boolean schemaIsCurrent() {
        try (Connection c = dataSource.getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT MAX(CAST(\"version\" AS INTEGER)), "
                     + "MIN(CASE WHEN \"success\" THEN 1 ELSE 0 END) FROM \"flyway_schema_history\" "
                     + "WHERE \"version\" IS NOT NULL")) {
            return rs.next() && rs.getInt(1) == SCHEMA_VERSION && rs.getInt(2) == 1;
        } catch (SQLException e) {
            return false;   // no history table yet (an empty database): let Flyway create everything
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Closes every pooled connection, so the next one is opened afresh (after the H2 server process exited). */
    void dropPooledConnections() {
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** The URL without a password that may be written into it. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
