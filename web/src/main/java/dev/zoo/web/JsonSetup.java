package dev.zoo.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.zoo.results.Scope;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * JSON as the API and {@code --json} write it: a run's scope carries its label ("ImageNet-1k validation, partial: 5
 * of 50,000 images scored"), so a number read from JSON says what it is about too. (The results module stays free of
 * Jackson: the label is added here, by a mix-in.) Files are plain paths.
 */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Scope.class, ScopeJson.class);
        // a file is written as the path a shell takes ("/home/u/.zoo/weights/m/w.npz"), as everywhere else in the
        // JSON, not as Jackson's default URI ("file:///home/u/.zoo/...")
        mapper.registerModule(new SimpleModule("zoo-paths")
                .addSerializer(Path.class, new ToStringSerializer(Path.class)));
    }

    abstract static class ScopeJson {
        @JsonProperty("label")
        abstract String label();
    }
}
