package dev.zoo.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Database skips Flyway when the schema is at SCHEMA_VERSION: that constant must name the newest migration. */
class SchemaVersionTest {

    @Test
    void schemaVersionIsTheNewestMigration() throws Exception {
        URI dir = SchemaVersionTest.class.getResource("/db/migration").toURI();
        int newest;
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
    }
}
