package dev.zoo.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Zoo's settings as Quarkus reads them: each from the environment ({@code ZOO_HOME}, {@code ZOO_DOWNLOAD_RETRIES}),
 * a system property ({@code -Dzoo.home}) or {@code application.properties}. Values are read as text and checked by
 * {@link ZooSettings}, so a malformed one is a one-line usage error naming the variable, not a start-up failure.
 */
@ConfigMapping(prefix = "zoo")
public interface ZooConfig {

    /** {@code ZOO_HOME}: weights cache, quarantine, locks and the H2 database (default ~/.zoo). */
    Optional<String> home();

    /** {@code ZOO_CATALOG}: more model-index files, separated by the platform's path separator. */
    Optional<String> catalog();

    /** {@code ZOO_BUILTIN_CATALOG}: 0 leaves out the built-in BiT catalogue. */
    Optional<String> builtinCatalog();

    /** {@code ZOO_STRICT_CATALOG}: 1 makes any catalogue error end a command (default: leave the model out). */
    Optional<String> strictCatalog();

    /** {@code ZOO_IMPORT_ROOTS}: folders (path-separator list) that catalogue Imports may reach besides their own. */
    Optional<String> importRoots();

    /** {@code ZOO_OFFLINE}: 1, true, yes or on: never touch the network. */
    Optional<String> offline();

    /** {@code ZOO_MIRROR}: an http(s) URL replacing the origin of every weights URL. */
    Optional<String> mirror();

    /** {@code ZOO_IMAGENET}: the validation folder {@code zoo eval} reads without {@code --data}. */
    Optional<String> imagenet();

    Db db();

    Api api();

    Download download();

    /** {@code ZOO_DB_URL}, {@code ZOO_DB_USER}, {@code ZOO_DB_PASSWORD}. */
    interface Db {
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    /** {@code ZOO_API_TOKEN}: the bearer token that lets {@code zoo serve} accept run uploads. */
    interface Api {
        Optional<String> token();
    }

    /** How downloads are retried and timed out ({@code ZOO_DOWNLOAD_RETRIES}, {@code ..._STALL_TIMEOUT}...). */
    interface Download {
        /** Attempts per download, the first included. */
        @WithDefault("6")
        String retries();

        /** The first pause between attempts; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("0.5s")
        String initialBackoff();

        @WithDefault("15s")
        String maxBackoff();

        @WithDefault("20s")
        String connectTimeout();

        /** A body silent this long is abandoned and resumed. */
        @WithDefault("60s")
        String stallTimeout();
    }
}
