package dev.zoo.metadata;

public enum Severity {
    /** The catalogue is wrong: `zoo lint` exits 1 and commands refuse to use it. */
    ERROR,
    /** The metadata disagree with something Zoo can check (e.g. the parameter count of the architecture). */
    WARNING,
    /** Worth knowing, never fatal (e.g. an unknown key that is kept as it is). */
    INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
