package dev.zoo.core;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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

    /**
     * Opens the pool and brings the schema up to date. An embedded H2 file on a full disk is refused before H2 tries
     * (it would leave an empty lock file behind that blocks the next open).
     */
    public static Database open(String url, String user, String password) {
        if (!supports(url)) {
            throw new DatabaseException("Zoo uses H2 or PostgreSQL (jdbc:h2:... or jdbc:postgresql://...), not "
                    + redact(url), null);
        }
        Optional<Path> folder = h2Folder(url);
        if (folder.isPresent() && DiskSpace.isFull(folder.get())) {
            throw new DatabaseException("no space left on " + folder.get() + ": the database cannot record anything "
                    + "until some space is freed (commands that only read, such as zoo show, still work)", null);
        }
        Database db = pool(url, user, password);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        folder.ifPresent(DiskSpace.Reserve::keep);
        return db;
    }

    /** The folder of this embedded H2 database when its disk is full; empty otherwise (or for PostgreSQL). */
    public Optional<Path> fullDisk() {
        return h2Folder(url).filter(DiskSpace::isFull);
    }

    /**
     * Gives back the space kept beside an embedded database and reconnects (H2 closes itself after a failed write):
     * true when there was room to give, so that recording why a run stopped may now succeed.
     */
    public boolean releaseSpaceReserve() {
        Optional<Path> folder = h2Folder(url);
        if (folder.isEmpty() || !DiskSpace.Reserve.release(folder.get())) {
            return false;
        }
        reconnect();
        return true;
    }

    /**
     * Opens the database for commands that only read. On a full disk an embedded H2 file is opened read-only (no lock
     * file, no schema update); if another Zoo process serves it, through that process as usual.
     */
    public static Database openForReading(String url, String user, String password) {
        Optional<Path> folder = h2Folder(url);
        if (folder.isEmpty() || !DiskSpace.isFull(folder.get())) {
            return open(url, user, password);
        }
        String readOnly = url.replaceAll("(?i);(AUTO_SERVER|WRITE_DELAY)=[^;]*", "") + ";ACCESS_MODE_DATA=r";
        Database db = pool(readOnly, user, password);
        if (db.schemaIsCurrent()) {
            return db;
        }
        db.close();
        try {
            return pool(url, user, password).requireCurrent(folder.get());   // served by a running Zoo process?
        } catch (DatabaseException e) {
            throw new DatabaseException("no space left on " + folder.get() + ", and the database there cannot be "
                    + "read without writing to it: " + e.getMessage(), e);
        }
    }

    private Database requireCurrent(Path folder) {
        if (!schemaIsCurrent()) {
            close();
            throw new DatabaseException("its schema needs an update, which needs free space on " + folder, null);
        }
        return this;
    }

    /** The folder of an embedded H2 file database ({@code jdbc:h2:file:/path/name;...}); empty for anything else. */
    static Optional<Path> h2Folder(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String file = url.substring(prefix.length()).split(";", 2)[0];
        try {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            return Optional.ofNullable(parent);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Database pool(String url, String user, String password) {
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
        return new Database(ds, url);
    }


    private void migrate() {
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
            java.util.OptionalInt newest = Migrations.newest(Database.class.getClassLoader());
            return newest.isPresent() && rs.next() && rs.getInt(1) == newest.getAsInt() && rs.getInt(2) == 1;
        } catch (SQLException e) {
            return false;   // no history table yet (an empty database): let Flyway create everything
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Closes every pooled connection, so the next one is opened afresh (after the H2 server process exited, or H2
     * closed itself on a failed write).
     */
    public void reconnect() {
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
