package dev.zoo.app;

import dev.zoo.registry.Database;
import dev.zoo.registry.RegistrySettings;
import dev.zoo.registry.ZooHome;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Zoo's configuration, read through Quarkus config so that each setting can come from the environment
 * ({@code ZOO_HOME}), a system property ({@code -Dzoo.home}) or {@code application.properties}.
 *
 * @param catalogs extra catalogue files from {@code ZOO_CATALOG} (separated by the platform's path separator)
 * @param imagenet the default validation folder for {@code zoo eval} ({@code ZOO_IMAGENET})
 */
public record ZooSettings(ZooHome home, List<Path> catalogs, RegistrySettings registry, String databaseUrl,
                          String databaseUser, String databasePassword, Optional<Path> imagenet) {

    public static ZooSettings from(Config config) {
        ZooHome home = new ZooHome(config.getOptionalValue("zoo.home", String.class).map(Path::of)
                .orElseGet(ZooHome::defaultRoot));
        List<Path> catalogs = config.getOptionalValue("zoo.catalog", String.class)
                .map(v -> Arrays.stream(v.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList())
                .orElse(List.of());
        RegistrySettings registry;
        try {
            registry = RegistrySettings.of(config.getOptionalValue("zoo.offline", String.class).orElse(null),
                    config.getOptionalValue("zoo.mirror", String.class).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        Optional<String> dbUrl = config.getOptionalValue("zoo.db.url", String.class).filter(u -> !u.isBlank());
        if (dbUrl.isPresent() && !Database.supports(dbUrl.get())) {
            throw new CliException(ExitCode.USAGE, "ZOO_DB_URL must be a PostgreSQL (jdbc:postgresql://HOST:PORT/DB) "
                    + "or H2 (jdbc:h2:...) URL, found '" + Database.redact(dbUrl.get()) + "'");
        }
        return new ZooSettings(home, catalogs, registry, dbUrl.orElse(home.defaultDatabaseUrl()),
                config.getOptionalValue("zoo.db.user", String.class).orElse(dbUrl.isPresent() ? null : "sa"),
                config.getOptionalValue("zoo.db.password", String.class).orElse(dbUrl.isPresent() ? null : ""),
                config.getOptionalValue("zoo.imagenet", String.class).map(Path::of));
    }
}
