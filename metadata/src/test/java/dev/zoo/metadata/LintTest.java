package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintTest {

    @TempDir
    Path dir;

    private Catalog load(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return new CatalogLoader().load(new CatalogSource.File(file));
    }

    private static List<String> errors(Catalog c) {
        return c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
    }

    private static List<String> warnings(Catalog c) {
        return c.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::toString)
                .toList();
    }

    private static final String GOOD_MODEL = """
            - Name: tiny
              Metadata:
                ID: tiny
                Image Size: 64
              Weights: https://example.org/tiny.npz
              Results:
              - Task: Image Classification
                Dataset: ImageNet
                Metrics:
                  Top 1 Accuracy: 50%
            """;

    @Test
    void yamlSyntaxErrorCarriesFileLineAndColumn() throws IOException {
        Catalog c = load("bad.yml", "Models:\n- Name: a\n  Metadata: [1, 2\n");
        assertThat(errors(c)).singleElement().asString()
                .startsWith(dir.resolve("bad.yml") + ":4:1: error: YAML syntax:");
    }

    @Test
    void yamlSyntaxErrorInsideMarkdownIsReportedAtTheFileLine() throws IOException {
        Catalog c = load("card.md", "# Title\n\nText\n<!--\nType: model-index\nModels:\n- Name: a\n  Metadata: {ID: a\n-->\n");
        assertThat(errors(c)).singleElement().asString().contains("card.md:9:");
    }

    /** A model without a name cannot be represented; a metric that is not a number is a claim left out. */
    @Test
    void missingNameAndNonNumericMetric() throws IOException {
        Catalog c = load("m.yml", """
                Models:
                - Metadata:
                    ID: x
                - Name: y
                  Results:
                  - Task: Image Classification
                    Dataset: ImageNet
                    Metrics:
                      Top 1 Accuracy: about eighty
                """);
        assertThat(errors(c)).containsExactly(dir.resolve("m.yml") + ":2:3: error: model without a Name");
        assertThat(warnings(c)).containsExactly(dir.resolve("m.yml") + ":9:23: warning: metric 'Top 1 Accuracy' must "
                + "be a number, found 'about eighty'");
        assertThat(c.models()).extracting(Model::id).containsExactly("y");
        assertThat(c.find("y").orElseThrow().results()).singleElement().satisfies(r -> assertThat(r.metrics())
                .isEmpty());
    }

    @Test
    void malformedUrlsCropPctAndImageSize() throws IOException {
        Catalog c = load("m.yml", """
                Models:
                - Name: a
                  Metadata:
                    Crop Pct: '1.5'
                    Image Size: '0'
                  Weights: storage.googleapis.com/x.npz
                  Paper: 'ftp://example.org/paper'
                - Name: b
                  Metadata:
                    Crop Pct: 0
                    Image Size: 224.5
                  Weights: http://
                """);
        assertThat(errors(c)).containsExactlyInAnyOrder(
                dir.resolve("m.yml") + ":4:15: error: Crop Pct must be in (0, 1], found 1.5",
                dir.resolve("m.yml") + ":5:17: error: Metadata.Image Size must be a positive whole number, found 0",
                dir.resolve("m.yml") + ":6:12: error: Weights 'storage.googleapis.com/x.npz' is not a URL with scheme "
                        + "file, http, https",
                dir.resolve("m.yml") + ":10:15: error: Crop Pct must be in (0, 1], found 0.0",
                dir.resolve("m.yml") + ":11:17: error: Metadata.Image Size must be a whole number, found '224.5'",
                dir.resolve("m.yml") + ":12:12: error: Weights 'http://' is not a valid URL: Expected authority");
        assertThat(warnings(c)).containsExactly(dir.resolve("m.yml") + ":7:10: warning: Paper URL "
                + "'ftp://example.org/paper' is not a URL with scheme http, https");
        assertThat(c.skipped()).extracting(Skipped::name).containsExactly("a", "b");
    }

    @Test
    void duplicateIdsAcrossFilesAndUnknownCollection() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "Models:\n" + GOOD_MODEL);
        Files.writeString(dir.resolve("b.yml"), "Models:\n" + GOOD_MODEL.replace("Name: tiny",
                "Name: tiny\n  In Collection: Nowhere"));
        Catalog c = new CatalogLoader().load(new CatalogSource.File(dir.resolve("a.yml")),
                new CatalogSource.File(dir.resolve("b.yml")));
        assertThat(errors(c)).containsExactly(dir.resolve("b.yml") + ":3:18: error: unknown collection 'Nowhere' "
                + "(known in " + dir.resolve("b.yml") + ": )");
        assertThat(c.models()).hasSize(1);

        Files.writeString(dir.resolve("d.yml"), "Models:\n" + GOOD_MODEL.replace("64", "96"));
        Catalog conflict = new CatalogLoader().load(new CatalogSource.File(dir.resolve("a.yml")),
                new CatalogSource.File(dir.resolve("d.yml")));
        assertThat(errors(conflict)).containsExactly(dir.resolve("d.yml") + ":4:9: error: duplicate ID 'tiny' defined "
                + "differently (first defined at " + dir.resolve("a.yml") + ":2:3, which is used)");
        assertThat(conflict.find("tiny").orElseThrow().metadata().imageSize()).isEqualTo(64);

        Catalog orphan = load("c.yml", "Models:\n" + GOOD_MODEL.replace("Name: tiny",
                "Name: tiny\n  In Collection: Nowhere"));
        assertThat(errors(orphan)).containsExactly(dir.resolve("c.yml") + ":3:18: error: unknown collection 'Nowhere' "
                + "(known in " + dir.resolve("c.yml") + ": )");
        assertThat(orphan.models()).isEmpty();
        assertThat(orphan.skipped()).singleElement().extracting(Skipped::name).isEqualTo("tiny");
    }

    @Test
    void duplicateKeysAreErrors() throws IOException {
        Catalog c = load("d.yml", "Models:\n- Name: a\n  Name: b\n");
        assertThat(errors(c)).containsExactly(dir.resolve("d.yml") + ":3:3: error: duplicate key 'Name' in a model");
    }

    @Test
    void unknownKeysAreKeptAndShownNotFatal() throws IOException {
        Catalog c = load("u.yml", "Models:\n" + GOOD_MODEL + "  Licence: apache-2.0\n");
        assertThat(errors(c)).isEmpty();
        assertThat(c.find("tiny").orElseThrow().extra()).containsEntry("Licence", "apache-2.0");
        assertThat(c.diagnostics()).extracting(Diagnostic::toString)
                .contains(dir.resolve("u.yml") + ":12:3: info: unknown model key 'Licence' kept as it is");
    }

    @Test
    void architectureDisagreementsAreWarnings() throws IOException {
        Catalog c = load("w.yml", """
                Models:
                - Name: resnetv2_50x1_bitm
                  Metadata:
                    ID: resnetv2_50x1_bitm
                    Parameters: 25600000
                    File Size: 102242668
                  Weights: https://example.org/r50x1.npz
                - Name: resnetv2_50x3_bitm
                  Metadata:
                    ID: resnetv2_50x3_bitm
                    Parameters: 217320000
                    File Size: 900000000
                  Weights: https://example.org/r50x3.npz
                """);
        assertThat(errors(c)).isEmpty();
        assertThat(c.diagnostics()).filteredOn(d -> d.severity() == Severity.WARNING).extracting(Diagnostic::toString)
                .containsExactly(
                        dir.resolve("w.yml") + ":5:17: warning: resnetv2_50x1_bitm: Parameters 25,600,000 differ by "
                                + "0.20% from the 25,549,352 of resnetv2 [3, 4, 6, 3] width x1, stem 64, 1000 classes",
                        dir.resolve("w.yml") + ":12:16: warning: resnetv2_50x3_bitm: File Size 900,000,000 differs by "
                                + "3.53% from the ~869,321,608 bytes of a float32 .npz with 217,319,080 parameters in "
                                + "153 arrays");
    }

    @Test
    void zooExtensionsAreParsed() throws IOException {
        Catalog c = load("x.yml", """
                Collections:
                - Name: Tiny
                  Preprocessing:
                    Mean: [0.5, 0.5, 0.5]
                    Std: [0.5, 0.5, 0.5]
                    Resize Mode: squash
                Models:
                - Name: bit_tiny
                  In Collection: Tiny
                  Metadata:
                    ID: bit_tiny
                    Image Size: 64
                  Weights: file:///tmp/tiny.npz
                  SHA256: 0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef
                  Preprocessing:
                    Std: [0.25, 0.25, 0.25]
                  Network:
                    Block Units: [2, 2, 2, 2]
                    Stem Width: 16
                    Norm Groups: 8
                    Classes: 10
                """);
        assertThat(errors(c)).isEmpty();
        Model m = c.find("bit_tiny").orElseThrow();
        assertThat(m.sha256()).isEqualTo("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(m.preprocessing()).isEqualTo(new Preprocessing(List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25),
                ResizeMode.SQUASH));
        assertThat(m.networkSpec().orElseThrow().parameterCount()).isEqualTo(882_394L);
    }

    @Test
    void badExtensionsAreErrors() throws IOException {
        Catalog c = load("x.yml", """
                Models:
                - Name: a
                  SHA256: abc
                  Preprocessing:
                    Mean: [0.5, 0.5]
                    Resize Mode: stretch
                  Network:
                    Block Units: [2, 0]
                    Stem Width: 10
                    Norm Groups: 4
                """);
        assertThat(errors(c)).containsExactlyInAnyOrder(
                dir.resolve("x.yml") + ":3:11: error: SHA256 must be 64 hexadecimal digits, found 'abc'",
                dir.resolve("x.yml") + ":5:11: error: Preprocessing.Mean must list 3 numbers (R, G, B), found 2",
                dir.resolve("x.yml") + ":6:18: error: Preprocessing.Resize Mode must be 'crop' or 'squash', found "
                        + "'stretch'",
                dir.resolve("x.yml") + ":8:22: error: an item of Network.Block Units must be a positive whole number, "
                        + "found 0",
                dir.resolve("x.yml") + ":8:5: error: Network: Norm Groups (4) must divide the stem width x width "
                        + "factor (10)");
    }

    @Test
    void importsFollowPathsAndGlobsRelativeToTheImportingFile() throws IOException {
        Files.createDirectories(dir.resolve("configs/a"));
        Files.createDirectories(dir.resolve("configs/b"));
        Files.writeString(dir.resolve("configs/a/metafile.yml"), "Collections:\n- Name: Tiny\nModels:\n"
                + GOOD_MODEL.replace("Name: tiny", "Name: tiny\n  In Collection: Tiny"));
        Files.writeString(dir.resolve("configs/b/metafile.yml"), "Models:\n" + GOOD_MODEL.replace("tiny", "tiny2"));
        Files.writeString(dir.resolve("configs/b/card.md"), "# card\n<!--\nType: model-index\nModels:\n"
                + GOOD_MODEL.replace("tiny", "tiny3") + "-->\n");
        Catalog c = load("model-index.yml", "Import:\n- configs/*/metafile.yml\n- configs/b/card.md\n"
                + "- configs/a/metafile.yml\n");
        assertThat(errors(c)).isEmpty();
        assertThat(c.models()).extracting(Model::id).containsExactly("tiny", "tiny2", "tiny3");
        assertThat(c.find("tiny").orElseThrow().collection()).isEqualTo("Tiny");

        Catalog missing = load("mi.yml", "Import:\n- nowhere/*.yml\n- absent.yml\n");
        assertThat(errors(missing)).containsExactly(
                dir.resolve("mi.yml") + ":2:3: error: Import 'nowhere/*.yml' matches no file",
                dir.resolve("mi.yml") + ":3:3: error: Import 'absent.yml' matches no file");
    }

    @Test
    void markdownWithoutModelIndexCommentIsAnError() throws IOException {
        Catalog c = load("plain.md", "# Just a card\n<!-- a comment -->\n");
        assertThat(errors(c)).containsExactly(dir.resolve("plain.md") + ": error: " + ModelIndexParser.NO_MODEL_INDEX);
    }

    @Test
    void unreadableFileIsNamed() {
        Catalog c = new CatalogLoader().load(new CatalogSource.File(dir.resolve("absent.yml")));
        assertThat(errors(c)).singleElement().asString().startsWith(dir.resolve("absent.yml") + ": error: cannot read");
    }

    @Test
    void nearestIdsSuggestTypos() {
        Catalog c = new CatalogLoader().load(DefaultCatalog.source());
        assertThat(c.nearestIds("resnetv2_50x1_bit", 2)).containsExactly("resnetv2_50x1_bitm", "resnetv2_50x3_bitm");
    }
}
