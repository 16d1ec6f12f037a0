package dev.zoo.results;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a component of a run's record is stored and shown, said once where the component is declared: its label for
 * people (the run's page), whether it is shown as code, and the longest text its database column holds (what an upload
 * may send). The column is the component's name in snake case ({@code weightsSha256}: {@code weights_sha256}) unless
 * {@link #column} says otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface RunField {

    String label();

    /** Shown monospace (a digest, a path, a recipe). */
    boolean code() default false;

    /** The longest text the column holds; 0 for values that are not text. */
    int max() default 0;

    /** The column, when it is not the component's name in snake case. */
    String column() default "";
}
