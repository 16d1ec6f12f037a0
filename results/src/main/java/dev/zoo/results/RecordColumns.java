package dev.zoo.results;

import dev.zoo.core.Sql;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A record stored as columns of a table, one column per component ({@link RunField} names, labels and bounds them):
 * the column list, the values to insert, the record read back, a copy with some components changed, and the labelled
 * values a page shows. One place knows the mapping, so a new component is one line of the record and a migration.
 */
public final class RecordColumns<R extends Record> {

    /** One component: its column, how it is read, and what {@link RunField} says of it. */
    public record Component(String name, String column, Class<?> type, RunField field, RecordComponent component) {

        Object valueOf(Record r) {
            try {
                return r == null ? null : component.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name + " of " + r, e);
            }
        }
    }

    /** A value as a page shows it: its label, the text, and whether it is code. */
    public record Shown(String label, String value, boolean code) {
    }

    private final Class<R> type;
    private final List<Component> components;
    private final Constructor<R> constructor;

    private RecordColumns(Class<R> type) {
        this.type = type;
        RecordComponent[] rc = type.getRecordComponents();
        List<Component> out = new ArrayList<>();
        for (RecordComponent c : rc) {
            RunField f = c.getAnnotation(RunField.class);
            if (f == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName() + " has no @RunField");
            }
            String column = f.column().isEmpty() ? snake(c.getName()) : f.column();
            out.add(new Component(c.getName(), column, c.getType(), f, c));
        }
        this.components = List.copyOf(out);
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(rc).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor of " + type, e);
        }
    }

    public static <R extends Record> RecordColumns<R> of(Class<R> type) {
        return new RecordColumns<>(type);
    }

    public List<Component> components() {
        return components;
    }

    /** The columns, in component order. */
    public List<String> columns() {
        return components.stream().map(Component::column).toList();
    }

    /** The values to store, in column order; all null for a null record. */
    public List<Object> values(R r) {
        return components.stream().map(c -> c.valueOf(r)).toList();
    }

    /** The record a row holds. */
    public R read(ResultSet rs) throws SQLException {
        Object[] args = new Object[components.size()];
        for (int i = 0; i < args.length; i++) {
            Component c = components.get(i);
            args[i] = readValue(rs, c.column(), c.type());
        }
        return construct(args);
    }

    /** A copy of {@code r} with the named components changed. */
    public R with(R r, Map<String, ?> changes) {
        for (String name : changes.keySet()) {
            if (components.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no component " + name);
            }
        }
        return construct(components.stream().map(c -> changes.containsKey(c.name()) ? changes.get(c.name())
                : c.valueOf(r)).toArray());
    }

    /** The values a page shows, labelled: null ones left out, yes/no values as on/off. */
    public List<Shown> shown(R r) {
        List<Shown> out = new ArrayList<>();
        for (Component c : components) {
            Object v = c.valueOf(r);
            if (v != null && !String.valueOf(v).isEmpty()) {
                out.add(new Shown(c.field().label(), v instanceof Boolean b ? b ? "on" : "off" : String.valueOf(v),
                        c.field().code()));
            }
        }
        return out;
    }

    /** A text longer than its column holds. */
    public record TooLong(String name, int length, int max) {
    }

    /** The first text longer than its column holds; empty when all fit. */
    public Optional<TooLong> tooLong(R r) {
        for (Component c : components) {
            if (c.field().max() > 0 && c.valueOf(r) instanceof String s && s.length() > c.field().max()) {
                return Optional.of(new TooLong(c.name(), s.length(), c.field().max()));
            }
        }
        return Optional.empty();
    }

    private R construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static Object readValue(ResultSet rs, String column, Class<?> type) throws SQLException {
        if (type == String.class) {
            return rs.getString(column);
        }
        if (type == Integer.class) {
            return Sql.integer(rs, column);
        }
        if (type == Boolean.class) {
            return Sql.bool(rs, column);
        }
        if (type == Double.class) {
            return Sql.decimal(rs, column);
        }
        if (type == Long.class) {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : v;
        }
        if (type == java.time.Instant.class) {
            return Sql.instant(rs, column);
        }
        throw new IllegalArgumentException("no column type for " + type);
    }

    /** {@code weightsSha256} -> {@code weights_sha256}, {@code tf32} -> {@code tf32}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
