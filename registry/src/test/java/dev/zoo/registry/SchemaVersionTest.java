package dev.zoo.registry;

import dev.zoo.core.Migrations;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Database skips Flyway when the schema is at the newest migration on the class path: that must be read right. */
class SchemaVersionTest {

    @Test
    void theNewestMigrationIsReadFromTheClassPath() throws Exception {
        URI dir = SchemaVersionTest.class.getResource("/db/migration").toURI();
        int newest;
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(Migrations.newest(SchemaVersionTest.class.getClassLoader())).hasValue(newest);
    }

    @Test
    void migrationsInAJarAreFoundToo() throws Exception {
        Path jar = Files.createTempFile("zoo-migrations", ".jar");
        try {
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
                for (String name : new String[] {"db/", "db/migration/", "db/migration/V41__x.sql",
                        "db/migration/V42__y.sql", "db/migration/README"}) {
                    out.putNextEntry(new java.util.jar.JarEntry(name));
                    out.closeEntry();
                }
            }
            try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
                assertThat(Migrations.newest(loader)).hasValue(42);
            }
        } finally {
            Files.deleteIfExists(jar);
        }
    }
}
