package dev.zoo.core;

/** Version strings recorded with downloads and runs. */
public final class Versions {

    private Versions() {
    }

    public static String zoo() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
