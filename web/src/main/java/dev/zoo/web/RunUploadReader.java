package dev.zoo.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.core.ZooException;
import dev.zoo.results.EvalSpecJson;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@code POST /api/runs} body into a run, or says in one sentence which field is wrong and why: malformed JSON,
 * wrong types, missing or non-finite values, unknown fields and metrics, impossible scopes and over-long strings all
 * become a 400 naming the field, never a stack trace or an SQL error.
 */
final class RunUploadReader {

    /** Metrics Zoo measures and compares; anything else would be stored and shown nowhere. */
    static final Set<String> METRICS = Set.of(Metric.TOP1, Metric.TOP5);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /**
     * The text fields of an upload outside its provenance, each at most as long as the database column that holds it
     * (the provenance's bounds are its components', {@link Provenance#COLUMNS}).
     */
    private static final List<TextField> TEXT_FIELDS = List.of(new TextField("model", 200, RunUpload::model),
            new TextField("dataset", 200, RunUpload::dataset), new TextField("selection", 4000, RunUpload::selection),
            new TextField("dataPath", 4000, RunUpload::dataPath));

    private record TextField(String name, int max, Function<RunUpload, String> value) {
    }

    private final ObjectMapper strict;

    /** @param mapper the application's mapper (its modules, e.g. java.time), copied and made strict for uploads */
    RunUploadReader(ObjectMapper mapper) {
        strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        // "5" is not a number of images, nor "NaN" an accuracy
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
    }

    RunUpload parse(String json) {
        return read(json, RunUpload.class, "a run");
    }

    /** A JSON object body read as strictly as an upload: every mistake a 400 that names the field. */
    <T> T read(String json, Class<T> type, String what) {
        if (json == null || json.isBlank()) {
            throw ApiException.badRequest("the body is empty: send " + what + " as a JSON object");
        }
        try {
            if (!json.stripLeading().startsWith("{")) {
                throw ApiException.badRequest("the body must be a JSON object (" + what + "), found " + kind(json));
            }
            return strict.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(path(e) + ": unknown field (known: " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest(path(e) + ": " + expected(e.getTargetType()) + ", found "
                    + shown(String.valueOf(e.getValue())));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty() && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw ApiException.badRequest("not valid JSON: more data follows the object");
            }
            throw ApiException.badRequest((field.isEmpty() ? "the body" : field) + ": " + expected(e.getTargetType()));
        } catch (JsonParseException e) {
            throw ApiException.badRequest(notJson(e, ""));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException parse) {   // raised while a field was being read
                throw ApiException.badRequest(notJson(parse, " (" + path(e) + ")"));
            }
            throw ApiException.badRequest(path(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** The declared scope, checked: a known dataset's size is known, and complete means all of it. */
    Scope scope(RunUpload u) {
        if (u.dataset() == null) {
            throw ApiException.badRequest("dataset is required: " + datasets());
        }
        boolean folder = u.dataset().equalsIgnoreCase(KnownDataset.FOLDER.label());
        java.util.Optional<KnownDataset> known = KnownDataset.named(u.dataset());
        if (known.isEmpty() && !folder) {
            throw ApiException.badRequest("dataset: unknown " + shown(u.dataset()) + " (known: " + datasets() + ")");
        }
        if (known.isPresent() && known.get().derived()) {
            throw ApiException.badRequest("dataset: " + known.get().label() + " is measured beside a run on ImageNet "
                    + "(its images are ImageNet-1k validation's): upload the ImageNet run with it among its results");
        }
        if (u.images() == null || u.images() <= 0) {
            throw ApiException.badRequest("images (how many were scored) must be a positive number");
        }
        int skipped = u.skipped() == null ? 0 : u.skipped();
        if (skipped < 0) {
            throw ApiException.badRequest("skipped must not be negative");
        }
        if (u.datasetImages() != null && u.datasetImages() <= 0) {
            throw ApiException.badRequest("datasetImages must be a positive number");
        }
        long whole = known.map(KnownDataset::images).orElse(u.datasetImages() == null ? u.images() + skipped
                : u.datasetImages());
        if ((long) u.images() + skipped > whole) {
            throw ApiException.badRequest(u.images() + " scored and " + skipped + " skipped images are more than "
                    + u.dataset() + " has (" + whole + ")");
        }
        Scope declared = new Scope(u.dataset(), u.dataPath(), u.dataFingerprint(), blank(u.selection()), null,
                (int) whole, u.images() + skipped, 0, 0, false);
        return declared.finished(u.images(), skipped);
    }

    /** Every field that is not the scope: lengths, hashes, rates, times, results. */
    List<Run.Measurement> check(RunUpload u, Scope scope) {
        checkLengths(u);
        if (u.dataFingerprint() != null && !SHA256.matcher(u.dataFingerprint()).matches()) {
            throw ApiException.badRequest("dataFingerprint must be 64 lower-case hexadecimal digits (a sha256)");
        }
        Provenance p = u.provenance();
        if (p != null) {
            if (p.origin() != null) {
                throw ApiException.badRequest("provenance.origin is Zoo's to say (measured here, uploaded with what "
                        + "reproducing it takes, or reported): leave it out");
            }
            if (p.weightsSha256() != null && !SHA256.matcher(p.weightsSha256()).matches()) {
                throw ApiException.badRequest("provenance.weightsSha256 must be 64 lower-case hexadecimal digits, "
                        + "found " + shown(p.weightsSha256()));
            }
            if (p.batchSize() != null && p.batchSize() <= 0) {
                throw ApiException.badRequest("provenance.batchSize must be a positive number, found "
                        + p.batchSize());
            }
            if (p.precision() != null && !Provenance.PRECISIONS.contains(p.precision())) {
                throw ApiException.badRequest("provenance.precision: unknown " + shown(p.precision()) + " (known: "
                        + String.join(", ", Provenance.PRECISIONS) + ")");
            }
            if (p.threads() != null && p.threads() <= 0) {
                throw ApiException.badRequest("provenance.threads must be a positive number, found " + p.threads());
            }
            if (p.spec() != null) {
                try {
                    EvalSpecJson.read(p.spec(), "provenance.spec");
                } catch (ZooException e) {
                    throw ApiException.badRequest(e.getMessage());
                }
            }
        }
        if (u.imagesPerSecond() != null && !(Double.isFinite(u.imagesPerSecond()) && u.imagesPerSecond() > 0)) {
            throw ApiException.badRequest("imagesPerSecond must be a positive number, found " + u.imagesPerSecond());
        }
        if (u.startedAt() != null && u.finishedAt() != null && u.finishedAt().isBefore(u.startedAt())) {
            throw ApiException.badRequest("finishedAt (" + u.finishedAt() + ") is before startedAt ("
                    + u.startedAt() + ")");
        }
        return results(u, scope);
    }

    private static List<Run.Measurement> results(RunUpload u, Scope scope) {
        if (u.results() == null || u.results().isEmpty()) {
            throw ApiException.badRequest("results must list at least one {dataset, metric, value}");
        }
        List<Run.Measurement> out = new ArrayList<>();
        for (int i = 0; i < u.results().size(); i++) {
            RunUpload.Result r = u.results().get(i);
            String at = "results[" + i + "]";
            if (r == null) {
                throw ApiException.badRequest(at + " is null: each result is {dataset, metric, value}");
            }
            if (r.dataset() == null || r.metric() == null || r.value() == null) {
                throw ApiException.badRequest(at + " needs a dataset, a metric and a value");
            }
            if (!METRICS.contains(r.metric())) {
                throw ApiException.badRequest(at + ".metric: unknown " + shown(r.metric()) + " (known: "
                        + METRICS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            if (!(r.value() >= 0 && r.value() <= 100)) {
                throw ApiException.badRequest(at + ".value must be a percentage from 0 to 100, found " + r.value());
            }
            String d = KnownDataset.canonical(r.dataset());
            java.util.Optional<KnownDataset> beside = KnownDataset.named(d).filter(KnownDataset::derived)
                    .filter(x -> scope.dataset().equals(KnownDataset.IMAGENET.label()));
            if (!d.equalsIgnoreCase(scope.dataset()) && beside.isEmpty()) {
                throw ApiException.badRequest(at + ".dataset: a result on " + shown(r.dataset()) + " in a run on '"
                        + scope.dataset() + "': results must be about the run's dataset (or, beside ImageNet, "
                        + "ImageNet-ReaL and the clean counterparts of A and R)");
            }
            out.add(new Run.Measurement(d, r.metric(), r.value(), images(scope, beside)));
        }
        return out;
    }

    /**
     * The images a result is a proportion of: the run's scored images on its own dataset; a clean counterpart's 10,000
     * when the ImageNet run is complete; unknown otherwise (how many of a part of ImageNet carry ReaL's labels, or are
     * of A's classes, the upload does not say).
     */
    private static Integer images(Scope scope, java.util.Optional<KnownDataset> beside) {
        if (beside.isEmpty()) {
            return scope.scored();
        }
        KnownDataset d = beside.get();
        return scope.complete() && d != KnownDataset.IMAGENET_REAL ? Integer.valueOf(d.images()) : null;
    }

    private static void checkLengths(RunUpload u) {
        for (TextField field : TEXT_FIELDS) {
            String value = field.value().apply(u);
            if (value != null && value.length() > field.max()) {
                throw ApiException.badRequest(String.format("%s is %,d characters long; at most %,d", field.name(),
                        value.length(), field.max()));
            }
        }
        if (u.provenance() != null) {
            Provenance.COLUMNS.tooLong(u.provenance()).ifPresent(t -> {
                throw ApiException.badRequest(String.format("provenance.%s is %,d characters long; at most %,d",
                        t.name(), t.length(), t.max()));
            });
        }
    }

    /** Where the text stops being JSON, and Jackson's reason without its advice on parser features. */
    private static String notJson(JsonParseException e, String where) {
        String reason = firstLine(e.getOriginalMessage());
        int advice = reason.indexOf(": enable");
        if (advice > 0) {
            reason = reason.substring(0, advice) + " (JSON has no NaN or Infinity)";
        }
        return "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                + where + ": " + reason;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-11-26T12:00:00Z";
        }
        if (List.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static String kind(String json) {
        char c = json.stripLeading().charAt(0);
        return c == '[' ? "a list" : c == '"' ? "a string" : shown(json.strip());
    }

    private static String shown(String value) {
        String v = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return "'" + v.replace("\n", "\\n") + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String datasets() {
        return Arrays.stream(KnownDataset.values()).filter(d -> !d.derived()).map(KnownDataset::label)
                .collect(Collectors.joining(", "));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
