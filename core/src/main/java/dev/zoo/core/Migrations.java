package dev.zoo.core;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.OptionalInt;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The newest schema migration this build carries ({@code db/migration/V<n>__*.sql} in every jar or folder of the class
 * path), read from the jars' directories in a few milliseconds: enough to tell that a database is current without
 * Flyway's scan and validation. A new migration is only its file; nothing keeps a version number in step with it.
 */
public final class Migrations {

    private static final String LOCATION = "db/migration";
    private static final Pattern FILE = Pattern.compile("(?:.*/)?V(\\d+)__[^/]*\\.sql");

    private Migrations() {
    }

    /** The highest version found; empty when the class path cannot be listed this way (Flyway then decides). */
    public static OptionalInt newest(ClassLoader loader) {
        int newest = -1;
        try {
            for (URL url : Collections.list(loader.getResources(LOCATION))) {
                int found = switch (url.getProtocol()) {
                    case "file" -> inFolder(Path.of(url.toURI()));
                    case "jar" -> inJar(url);
                    default -> throw new IOException("cannot list " + url);
                };
                newest = Math.max(newest, found);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return OptionalInt.empty();
        }
        return newest < 0 ? OptionalInt.empty() : OptionalInt.of(newest);
    }

    private static int inFolder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToInt(p -> version(p.getFileName().toString())).max().orElse(-1);
        }
    }

    private static int inJar(URL url) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = new JarFile(connection.getJarFileURL().getPath())) {
            return jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(LOCATION + "/"))
                    .mapToInt(Migrations::version).max().orElse(-1);
        }
    }

    private static int version(String name) {
        Matcher m = FILE.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
