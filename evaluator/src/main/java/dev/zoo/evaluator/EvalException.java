package dev.zoo.evaluator;

/** An evaluation that could not run or finish; {@link Kind} maps to the CLI's exit codes. */
public final class EvalException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Bad request: no data folder, a model Zoo cannot build, nothing to resume. */
        USAGE,
        /** A check failed: the weights do not verify, an image is unreadable under --strict. */
        CHECK_FAILED,
        /** Files, network, database or the engine failed. */
        IO
    }

    private final Kind kind;

    public EvalException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EvalException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
