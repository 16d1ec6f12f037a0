package dev.zoo.registry;

import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.Model;

/** Builds catalogue models the way users write them: as model-index YAML, through the real parser. */
public final class TestCatalog {

    private TestCatalog() {
    }

    public static Model model(String id, String url, Long fileSize, String sha256) {
        StringBuilder yaml = new StringBuilder("Models:\n- Name: ").append(id).append("\n  Metadata:\n    ID: ")
                .append(id).append('\n');
        if (fileSize != null) {
            yaml.append("    File Size: ").append(fileSize).append('\n');
        }
        yaml.append("  Weights: ").append(url).append('\n');
        if (sha256 != null) {
            yaml.append("  SHA256: ").append(sha256).append('\n');
        }
        Catalog c = new CatalogLoader().load(new CatalogSource.Text("test.yml", yaml.toString()));
        if (c.hasErrors()) {
            throw new IllegalArgumentException(c.diagnostics().toString());
        }
        return c.find(id).orElseThrow();
    }
}
