package dev.zoo.app;

/**
 * The JVM-wide settings Zoo's libraries read from system properties, set in one place before anything else runs: DJL
 * must never download an engine (libtorch comes from the packaged jar), and H2's AUTO_SERVER must listen on this
 * machine only. A value the user set ({@code ZOO_JAVA_OPTS="-D..."}, {@code DJL_OFFLINE}) is kept.
 */
final class JvmProperties {

    private JvmProperties() {
    }

    static void applyDefaults() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }
}
