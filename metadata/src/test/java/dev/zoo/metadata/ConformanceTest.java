package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model-index format as its reference library reads it, one fixture per feature (this project's own files under
 * {@code src/test/resources/conformance}, modelled on the format's documentation): each gives the models, fields and
 * inheritance it must.
 */
class ConformanceTest {

    private static Path fixture(String name) {
        try {
            return Path.of(ConformanceTest.class.getResource("/conformance/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Catalog load(String... names) {
        return new CatalogLoader().load(Arrays.stream(names)
                .<CatalogSource>map(n -> new CatalogSource.File(fixture(n))).toList());
    }

    private static List<Diagnostic> of(Catalog c, Severity severity) {
        return c.diagnostics().stream().filter(d -> d.severity() == severity).toList();
    }

    @Test
    void markdownCardReadsOnlyTheCommentAndTakesTheCitation() {
        Catalog c = load("markdown-card/squeezenets.md");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        Model m = c.find("squeeze_a").orElseThrow();
        assertThat(m.collection()).isEqualTo("SqueezeNets");
        assertThat(m.paper()).isEqualTo(new Paper("An Example Paper",
                "https://paperswithcode.com/paper/an-example-paper"));
        assertThat(m.metadata().imageSize()).isEqualTo(224);
        assertThat(m.metadata().cropPct()).isEqualTo(0.875);
        assertThat(m.metadata().flops()).isEqualTo(350_000_000L);
        assertThat(m.citation()).startsWith("@misc{example2016squeeze,");
        assertThat(m.claimed("ImageNet", Metric.TOP1)).map(Metric::value).contains(58.18);
        assertThat(m.notEvaluable()).hasValueSatisfying(r -> assertThat(r).contains("PyTorch checkpoint"));
    }

    @Test
    void mdxBodyIsNeverReadAsYaml() {
        Catalog c = load("mdx-card/squeeze-b.mdx");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        assertThat(c.models()).extracting(Model::id).containsExactly("squeeze_b");
        assertThat(c.find("squeeze_b").orElseThrow().notEvaluable()).isEmpty();
    }

    @Test
    void yamlYmlAndTabIndentedJsonAlikeWithFreeTextNames() {
        Catalog c = load("plain-formats/model-index.yml");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        Model inception = c.find("Inception v3 - 90 epochs").orElseThrow();
        assertThat(inception.name()).isEqualTo("Inception v3 - 90 epochs");
        assertThat(inception.claimed("ImageNet", Metric.TOP1)).map(Metric::value).contains(77.2);  // one mapping
        Model json = c.find("json_net").orElseThrow();
        assertThat(json.metadata().imageSize()).isEqualTo(160);
        assertThat(json.results()).singleElement().extracting(Result::metrics).asList().hasSize(2);   // a list
        assertThat(json.claimed("ImageNet", Metric.TOP5)).map(Metric::value).contains(89.9);
    }

    @Test
    void fieldsMayNameFilesAndGlobs() {
        Catalog c = load("field-files/model-index.yml");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        assertThat(c.models()).extracting(Model::id).containsExactly("alpha", "beta", "gamma");
        Model alpha = c.find("alpha").orElseThrow();        // a Models item naming a Markdown card
        assertThat(alpha.metadata().imageSize()).isEqualTo(96);   // its Metadata: ../meta/alpha.yaml
        assertThat(alpha.image()).isEqualTo("alpha.png");
        assertThat(alpha.paper()).isEqualTo(new Paper(null, "https://arxiv.org/abs/1512.00567v3"));   // arXiv ID
        assertThat(alpha.readme()).isEqualTo("docs/alpha.md");
        Model beta = c.find("beta").orElseThrow();          // Metadata from JSON, Results: a file and a mapping
        assertThat(beta.metadata().batchSize()).isEqualTo(256);
        assertThat(beta.results()).extracting(Result::dataset).containsExactly("ImageNet", "ImageNet ReaL");
        Model gamma = c.find("gamma").orElseThrow();        // Results: a glob of two files
        assertThat(gamma.metadata().epochs()).isEqualTo(300);
        assertThat(gamma.results()).extracting(Result::dataset)
                .containsExactly("ImageNet", "ImageNetV2 matched-frequency");
    }

    @Test
    void keysIgnoreCaseAndNullMeansNotGiven() {
        Catalog c = load("case-and-nulls/model-index.yml");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        assertThat(of(c, Severity.WARNING)).isEmpty();
        Model mae = c.find("mae_pretrain_only").orElseThrow();
        assertThat(mae.collection()).isEqualTo("Pretrained");
        assertThat(mae.metadata().trainingData()).containsExactly("ImageNet-1k");
        assertThat(mae.metadata().flops()).isNull();
        assertThat(mae.results()).isEmpty();
        assertThat(mae.code()).isNull();
        Model unreleased = c.find("unreleased").orElseThrow();
        assertThat(unreleased.weights()).isNull();
        assertThat(unreleased.notEvaluable()).contains("no weights published");
        assertThat(unreleased.claimed("ImageNet-1k", Metric.TOP1)).map(Metric::value).contains(83.1);
        assertThat(c.find("no_weights_key").orElseThrow().notEvaluable()).contains("no weights published");
    }

    @Test
    void collectionsPassOnResultsAndMergeLists() {
        Catalog c = load("inheritance/model-index.yml");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        Model small = c.find("family_small").orElseThrow();
        assertThat(small.metadata().trainingTechniques())
                .containsExactly("SGD with Momentum", "Weight Decay", "Mixup");
        assertThat(small.metadata().architecture()).containsExactly("Convolution", "ReLU");
        assertThat(small.metadata().epochs()).isEqualTo(300);
        assertThat(small.metadata().imageSize()).isEqualTo(224);
        assertThat(small.results()).extracting(Result::dataset).containsExactly("ImageNet", "ImageNet ReaL");
        assertThat(small.code().url()).isEqualTo("https://github.com/example/family");
        Model plain = c.find("family_plain").orElseThrow();
        assertThat(plain.metadata().epochs()).isEqualTo(100);
        assertThat(plain.claimed("ImageNet", Metric.TOP1)).map(Metric::value).contains(75.0);
    }

    @Test
    void huggingFaceFrontMatter() {
        Catalog c = load("hf-front-matter/README.md");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        Model m = c.find("hf_net").orElseThrow();
        assertThat(m.claimed("ImageNet", Metric.TOP1)).map(Metric::value).contains(81.3);
        assertThat(m.claimed("ImageNet", Metric.TOP5)).map(Metric::value).contains(95.4);
        assertThat(m.origin().library().name()).isEqualTo("timm");
        assertThat(m.notEvaluable()).contains("no weights published");
    }

    @Test
    void aCommentWithoutTypeIsReadWhenItIsAnIndex() {
        Catalog c = load("untyped-comment/card.md");
        assertThat(c.diagnostics()).isEmpty();
        assertThat(c.find("untyped_net").orElseThrow().metadata().imageSize()).isEqualTo(128);
    }

    @Test
    void oneBadModelCostsOnlyItself() {
        Catalog c = load("isolation/model-index.yml");
        assertThat(c.models()).extracting(Model::id).containsExactly("good_one", "odd_but_fine", "good_two");
        assertThat(c.skipped()).extracting(Skipped::name).containsExactly("bad_crop", "bad_sha");
        assertThat(c.skipped().get(0).describe()).contains("bad_crop").contains("Crop Pct must be in (0, 1]");
        assertThat(of(c, Severity.WARNING)).extracting(Diagnostic::message).containsExactlyInAnyOrder(
                "Code 'v1.0.0' is not a URL with scheme http, https",
                "Paper 'not a paper' is neither a URL nor an arXiv identifier; left out",
                "Metadata.FLOPs must be a number, found '1.2G'",
                "Top 1 Accuracy 1.01% on ImageNet is implausible for a classifier (a fraction written for a "
                        + "percentage?)",
                "metric 'Top 5 Accuracy' must be a number, found 'about ninety'");
        assertThat(c.skippedSummary(5)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("catalogue: 2 models left out for errors (3 model(s) loaded):")
                .contains("zoo lint " + fixture("isolation/model-index.yml")));
    }

    @Test
    void noIdIsSpecLegalAndSaysNothing() {
        Catalog c = load("isolation/model-index.yml");
        assertThat(c.diagnostics()).noneMatch(d -> d.message().contains("Metadata.ID"));
    }

    @Test
    void aFolderMeansItsModelIndex() {
        Catalog c = load("folder-index");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        assertThat(c.find("resnet50_folder").orElseThrow().collection()).isEqualTo("ResNet");
    }

    @Test
    void libraryBlocksAreKeptAndCollectionsBelongToTheirCatalogue() {
        Catalog c = load("library", "folder-index");
        assertThat(of(c, Severity.ERROR)).isEmpty();
        Model m = c.find("resnet50_library").orElseThrow();
        assertThat(m.origin().library()).isEqualTo(new Library("Example Models",
                "https://github.com/example/models", null, null, "Image classifiers, exported"));
        assertThat(m.metadata().trainingData()).containsExactly("ImageNet");
        assertThat(c.collections()).extracting(c::collectionLabel)
                .containsExactly("ResNet (library)", "ResNet (folder-index)");
        assertThat(c.collectionOf(c.find("resnet50_folder").orElseThrow()).orElseThrow().origin().catalogue())
                .endsWith("folder-index");
    }

    @Test
    void theSameModelTwiceIsOneAndAUsersDefinitionWinsOverTheBuiltIn() throws Exception {
        String seed = ((CatalogSource.Text) DefaultCatalog.source()).text();
        Path dir = java.nio.file.Files.createTempDirectory("zoo-conformance");
        try {
            Path same = java.nio.file.Files.writeString(dir.resolve("big-transfer.md"), seed);
            Catalog both = new CatalogLoader().load(DefaultCatalog.source(), new CatalogSource.File(same));
            // the seed's own FLOPs warnings aside (see DefaultCatalogTest), the duplicate is only an info
            assertThat(both.diagnostics()).noneMatch(d -> d.severity() != Severity.INFO
                    && !d.message().contains(": FLOPs "));
            assertThat(both.models()).hasSize(6);
            assertThat(both.collections()).extracting(both::collectionLabel)
                    .containsExactly("Big Transfer (built-in)", "Big Transfer (big-transfer.md)");

            Path changed = java.nio.file.Files.writeString(dir.resolve("changed.md"),
                    seed.replace("Top 1 Accuracy: 80.19%", "Top 1 Accuracy: 80.5%"));
            Catalog overridden = new CatalogLoader().load(DefaultCatalog.source(), new CatalogSource.File(changed));
            assertThat(of(overridden, Severity.ERROR)).isEmpty();
            assertThat(of(overridden, Severity.WARNING)).filteredOn(d -> !d.message().contains(": FLOPs "))
                    .singleElement().extracting(Diagnostic::message).asString()
                    .contains("redefines the built-in one (builtin:big-transfer.md:");
            Model r50 = overridden.find("resnetv2_50x1_bitm").orElseThrow();
            assertThat(r50.claimed("ImageNet", Metric.TOP1)).map(Metric::value).contains(80.5);
            assertThat(r50.origin().builtin()).isFalse();
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void modelsGivenAsOneGlobReadEveryMatchingFileAsAnImportWould() {
        Catalog c = load("models-glob/model-index.yml");
        assertThat(c.diagnostics()).noneMatch(Diagnostic::isError);
        assertThat(c.models()).extracting(Model::id).containsExactly("glob_one", "glob_two", "glob_three");
        assertThat(c.collections()).extracting(Collection::name).containsExactlyInAnyOrder("Globbed", "Second");
        Model one = c.find("glob_one").orElseThrow();
        assertThat(one.metadata().epochs()).isEqualTo(90);
        assertThat(one.metadata().trainingData()).containsExactly("ImageNet");   // from its collection
        assertThat(c.find("glob_two").orElseThrow().collection()).isEqualTo("Second");
        assertThat(c.find("glob_two").orElseThrow().origin().pos().file()).endsWith("models/two.yml");
    }

    @Test
    void metadataGivenAsAListOfMappingsIsMergedAndAConflictIsWarnedAbout() {
        Catalog c = load("metadata-list/model-index.yml");
        assertThat(c.diagnostics()).noneMatch(Diagnostic::isError);
        Model listed = c.find("list_meta").orElseThrow();
        assertThat(listed.metadata().imageSize()).isEqualTo(256);
        assertThat(listed.metadata().cropPct()).isEqualTo(0.95);
        assertThat(listed.metadata().interpolation()).isEqualTo("bicubic");
        // the collection's list of mappings is one Metadata too, inherited as any other
        assertThat(listed.metadata().trainingData()).containsExactly("ImageNet");
        assertThat(listed.metadata().trainingTechniques()).containsExactly("SGD with Momentum");
        assertThat(listed.metadata().epochs()).isEqualTo(90);
        // two items that disagree: the later is taken (as the library merges them), with a warning at its line
        Model conflict = c.find("list_conflict").orElseThrow();
        assertThat(conflict.metadata().epochs()).isEqualTo(120);
        assertThat(conflict.metadata().batchSize()).isEqualTo(256);   // the same value twice says nothing
        assertThat(of(c, Severity.WARNING)).extracting(Diagnostic::toString).containsExactly(fixture(
                "metadata-list/model-index.yml") + ":22:9: warning: Metadata items give 'Epochs' twice, '100' (line "
                + "20) and '120': the later is taken, as the model-index library merges a Metadata list");
    }

    @Test
    void anImportThatMatchesNoFileCostsOnlyItself() {
        Catalog c = load("missing-import/model-index.yml");
        assertThat(c.models()).extracting(Model::id).containsExactly("imported_one", "imported_two");
        assertThat(of(c, Severity.ERROR)).extracting(Diagnostic::toString).containsExactly(fixture(
                "missing-import/model-index.yml") + ":4:5: error: Import 'noexist.json' matches no file");
        assertThat(c.skipped()).singleElement().extracting(Skipped::describe).isEqualTo("import 'noexist.json' ("
                + fixture("missing-import/model-index.yml") + ":4:5): Import 'noexist.json' matches no file");
        assertThat(c.skippedSummary(3)).hasValueSatisfying(s -> assertThat(s).startsWith("catalogue: 1 import left "
                + "out for errors (2 model(s) loaded):"));
    }

    @Test
    void weightsFormatsKnownByName() {
        assertThat(WeightsKind.ofUrl("https://x/y/model.pth?download=1")).isEqualTo(WeightsKind.PYTORCH_CHECKPOINT);
        assertThat(WeightsKind.ofUrl("https://x/y/model.pth.tar")).isEqualTo(WeightsKind.PYTORCH_CHECKPOINT);
        assertThat(WeightsKind.ofUrl("https://x/pytorch_model.bin")).isEqualTo(WeightsKind.PYTORCH_CHECKPOINT);
        assertThat(WeightsKind.ofUrl("https://x/last.ckpt")).isEqualTo(WeightsKind.PYTORCH_CHECKPOINT);
        assertThat(WeightsKind.ofUrl("https://x/model.safetensors")).isEqualTo(WeightsKind.SAFETENSORS);
        assertThat(WeightsKind.ofUrl("https://x/model.pt")).isEqualTo(WeightsKind.UNKNOWN);
        assertThat(WeightsKind.ofUrl("https://x/BiT-M-R50x1.npz")).isEqualTo(WeightsKind.NPZ);
        assertThat(WeightsKind.ofUrl("https://x/model.ts")).isEqualTo(WeightsKind.TORCHSCRIPT);
        assertThat(WeightsKind.ofUrl("https://x/weights")).isEqualTo(WeightsKind.UNKNOWN);
        // what each name suggests: a format Zoo runs, or none
        assertThat(WeightsKind.NPZ.format()).contains(ModelFormat.NPZ);
        assertThat(WeightsKind.ONNX.format()).contains(ModelFormat.ONNX);
        assertThat(WeightsKind.TORCHSCRIPT.format()).contains(ModelFormat.TORCHSCRIPT);
        assertThat(WeightsKind.PYTORCH_CHECKPOINT.format()).contains(ModelFormat.CHECKPOINT);
        assertThat(WeightsKind.PYTORCH_CHECKPOINT.weightsWithoutNetwork()).isTrue();
        assertThat(WeightsKind.UNKNOWN.format()).isEmpty();
    }
}
