package dev.zoo.metadata.arch;

/** A configuration of a network class that Zoo does not build: the option and value named, never ignored. */
public final class UnsupportedConfig extends Exception {

    public UnsupportedConfig(String message) {
        super(message);
    }
}
