package dev.zoo.metadata;

/** One finding about a catalogue file, printed as {@code file:line:column: severity: message}. */
public record Diagnostic(Severity severity, SourcePos pos, String message) {

    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(Severity.ERROR, pos, message);
    }

    public static Diagnostic warning(SourcePos pos, String message) {
        return new Diagnostic(Severity.WARNING, pos, message);
    }

    public static Diagnostic info(SourcePos pos, String message) {
        return new Diagnostic(Severity.INFO, pos, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return pos + ": " + severity.label() + ": " + message;
    }
}
