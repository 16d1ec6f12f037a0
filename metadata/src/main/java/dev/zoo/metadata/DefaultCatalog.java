package dev.zoo.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The catalogue Zoo ships: the BiT-M ResNetV2 collection, transcribed from its model-index. */
public final class DefaultCatalog {

    public static final String RESOURCE = "zoo/catalog/big-transfer.md";
    public static final String NAME = "builtin:big-transfer.md";

    private DefaultCatalog() {
    }

    public static CatalogSource source() {
        try (InputStream in = DefaultCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default catalogue " + RESOURCE + " is missing from the jar");
            }
            return new CatalogSource.Text(NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default catalogue " + RESOURCE, e);
        }
    }
}
