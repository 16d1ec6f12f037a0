package dev.zoo.registry;

import java.nio.file.Path;

/**
 * Zoo's working folder ({@code ZOO_HOME}, default {@code ~/.zoo}): the weights cache, files that failed verification,
 * and the embedded database.
 */
public record ZooHome(Path root) {

    public ZooHome {
        root = root.toAbsolutePath().normalize();
    }

    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".zoo");
    }

    public Path weights() {
        return root.resolve("weights");
    }

    /** Where files that failed verification are moved, so they are never used and never silently lost. */
    public Path quarantine() {
        return root.resolve("quarantine");
    }

    public Path locks() {
        return root.resolve("locks");
    }

    /**
     * The embedded H2 database. AUTO_SERVER lets {@code zoo serve} and a {@code zoo eval} in another process share it;
     * WRITE_DELAY=0 makes every commit durable at once (a killed process loses nothing).
     */
    public String defaultDatabaseUrl() {
        return "jdbc:h2:file:" + root.resolve("db").resolve("zoo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }
}
