package dev.zoo.app;

import dev.zoo.core.ZooException;
import dev.zoo.core.Database;
import dev.zoo.registry.Downloader;
import dev.zoo.registry.RegistrySettings;
import dev.zoo.core.Versions;
import dev.zoo.core.ZooHome;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zoo's configuration ({@link ZooConfig}), checked: a value that cannot be used is a usage error naming the variable.
 *
 * @param catalog which catalogues are loaded and how strictly
 * @param imagenet the default validation folder for {@code zoo eval} ({@code ZOO_IMAGENET})
 */
public record ZooSettings(ZooHome home, CatalogSettings catalog, RegistrySettings registry,
                          Downloader.Settings download,
                          String databaseUrl, String databaseUser, String databasePassword, Optional<Path> imagenet,
                          Optional<String> apiToken) {

    /**
     * The catalogues: extra files ({@code ZOO_CATALOG}, separated by the platform's path separator), the folders their
     * files may reach besides their own ({@code ZOO_IMPORT_ROOTS}), whether the built-in catalogue is loaded
     * ({@code ZOO_BUILTIN_CATALOG}, default yes) and whether any catalogue error ends a command
     * ({@code ZOO_STRICT_CATALOG}, default no).
     */
    public record CatalogSettings(List<Path> files, List<Path> importRoots, boolean builtin, boolean strict) {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    public static ZooSettings from(ZooConfig config) {
        ZooHome home = new ZooHome(config.home().filter(h -> !h.isBlank()).map(h -> path("ZOO_HOME", h))
                .orElseGet(ZooHome::defaultRoot));
        CatalogSettings catalog = new CatalogSettings(paths("ZOO_CATALOG", config.catalog()),
                paths("ZOO_IMPORT_ROOTS", config.importRoots()),
                flag("ZOO_BUILTIN_CATALOG", config.builtinCatalog(), true),
                flag("ZOO_STRICT_CATALOG", config.strictCatalog(), false));
        RegistrySettings registry;
        try {
            registry = RegistrySettings.of(config.offline().orElse(null), config.mirror().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ZooException(ZooException.Kind.USAGE, e.getMessage());
        }
        ZooConfig.Download d = config.download();
        Downloader.Settings download = new Downloader.Settings(attempts(d.retries()),
                duration("ZOO_DOWNLOAD_INITIAL_BACKOFF", d.initialBackoff()),
                duration("ZOO_DOWNLOAD_MAX_BACKOFF", d.maxBackoff()),
                duration("ZOO_DOWNLOAD_CONNECT_TIMEOUT", d.connectTimeout()),
                duration("ZOO_DOWNLOAD_STALL_TIMEOUT", d.stallTimeout()), "zoo/" + Versions.zoo());
        Optional<String> dbUrl = config.db().url().filter(u -> !u.isBlank());
        if (dbUrl.isPresent() && !Database.supports(dbUrl.get())) {
            throw new ZooException(ZooException.Kind.USAGE, "ZOO_DB_URL must be a PostgreSQL "
                    + "(jdbc:postgresql://HOST:PORT/DB) or H2 (jdbc:h2:...) URL, found '"
                    + Database.redact(dbUrl.get()) + "'");
        }
        return new ZooSettings(home, catalog, registry, download, dbUrl.orElse(home.defaultDatabaseUrl()),
                config.db().user().orElse(dbUrl.isPresent() ? null : "sa"),
                config.db().password().orElse(dbUrl.isPresent() ? null : ""),
                config.imagenet().filter(i -> !i.isBlank()).map(i -> path("ZOO_IMAGENET", i)),
                config.api().token().filter(t -> !t.isBlank()));
    }

    private static List<Path> paths(String variable, Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> path(variable, s)).toList()).orElse(List.of());
    }

    private static Path path(String variable, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ZooException(ZooException.Kind.USAGE, variable + ": '" + value + "' is not a path ("
                    + e.getReason() + ")");
        }
    }

    /** 1, true, yes, on or 0, false, no, off; anything else is a usage error naming the variable. */
    private static boolean flag(String variable, Optional<String> value, boolean absent) {
        if (value.isEmpty() || value.get().isBlank()) {
            return absent;
        }
        return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ZooException(ZooException.Kind.USAGE, variable + " must be 1 or 0 (true/false, "
                    + "yes/no, on/off), found '" + value.get() + "'");
        };
    }

    private static int attempts(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ZooException(ZooException.Kind.USAGE, "ZOO_DOWNLOAD_RETRIES must be a whole number from 1 to 100, "
                + "found '" + value + "'");
    }

    /** "500ms", "0.5s", "20s", "2m", "1h". */
    static Duration duration(String variable, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            long millis = (long) (n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            });
            if (millis > 0 && millis <= Duration.ofDays(1).toMillis()) {
                return Duration.ofMillis(millis);
            }
        }
        throw new ZooException(ZooException.Kind.USAGE, variable + " must be a duration such as 500ms, 20s or 2m "
                + "(at most a day), found '" + value + "'");
    }
}
