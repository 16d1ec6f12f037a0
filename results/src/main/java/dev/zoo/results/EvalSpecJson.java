package dev.zoo.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.zoo.core.ZooException;
import dev.zoo.metadata.KnownDataset;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link EvalSpec} as JSON: paths as plain strings, the dataset by its command-line name, unknown keys refused (a
 * misspelt key must not silently fall back to a default). One line, so that it fits a job script's argument.
 */
public final class EvalSpecJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("zoo-eval-spec")
                    .addSerializer(Path.class, new PathSerializer())
                    .addDeserializer(Path.class, new PathDeserializer())
                    .addSerializer(KnownDataset.class, new DatasetSerializer())
                    .addDeserializer(KnownDataset.class, new DatasetDeserializer()))
            .build();

    private EvalSpecJson() {
    }

    public static String write(EvalSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an evaluation spec did not serialise", e);
        }
    }

    /**
     * Reads a spec; a malformed one is a usage error naming {@code source} and the key at fault.
     *
     * @param source what the text is, for the message ("--spec", "provenance.spec")
     */
    public static EvalSpec read(String json, String source) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            checkKeys(tree, EvalSpec.class, source, "");
            EvalSpec spec = MAPPER.treeToValue(tree, EvalSpec.class);
            if (spec == null) {
                throw ZooException.usage(source + ": the evaluation spec is null");
            }
            return spec;
        } catch (JsonMappingException e) {
            ZooException cause = rootZoo(e);
            String where = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            String why = cause != null ? cause.getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw ZooException.usage(source + (where.isEmpty() ? "" : " at " + where) + ": " + why);
        } catch (JsonProcessingException e) {
            throw ZooException.usage(source + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * Refuses a key no part of the spec has, before anything is bound: a misspelt key is named as such, not as the
     * required value it left missing.
     */
    private static void checkKeys(JsonNode node, Class<?> type, String source, String at) {
        if (node == null || !node.isObject() || !type.isRecord()) {
            return;
        }
        Map<String, Class<?>> components = new TreeMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(c.getName(), c.getType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String where = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
            Class<?> component = components.get(field.getKey());
            if (component == null) {
                throw ZooException.usage(source + " at " + where + ": unknown key '" + field.getKey() + "' (known: "
                        + String.join(", ", components.keySet()) + ")");
            }
            checkKeys(field.getValue(), component, source, where);
        }
    }

    private static ZooException rootZoo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ZooException z) {
                return z;
            }
        }
        return null;
    }

    private static final class PathSerializer extends JsonSerializer<Path> {
        @Override
        public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class PathDeserializer extends JsonDeserializer<Path> {
        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) {
                throw JsonMappingException.from(p, "a path must be a non-empty string");
            }
            return Path.of(text);
        }
    }

    private static final class DatasetSerializer extends JsonSerializer<KnownDataset> {
        @Override
        public void serialize(KnownDataset value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(value.cliName());
        }
    }

    private static final class DatasetDeserializer extends JsonDeserializer<KnownDataset> {
        @Override
        public KnownDataset deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            return KnownDataset.fromCli(text == null ? "" : text).orElseThrow(() -> JsonMappingException.from(p,
                    "expected one of " + Arrays.stream(KnownDataset.values()).map(KnownDataset::cliName)
                            .collect(Collectors.joining(", ")) + ", found '" + text + "'"));
        }
    }
}
