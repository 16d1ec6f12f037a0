package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultCatalogTest {

    private final Catalog catalog = new CatalogLoader().load(DefaultCatalog.source());

    @Test
    void loadsTheSixSeedModelsWithoutErrors() {
        // the seed's FLOPs (5,330,896 for R50x1 and R101x1 alike) are neither multiply-adds nor FLOPs at 480 px
        assertThat(catalog.diagnostics()).filteredOn(d -> d.severity() != Severity.INFO).hasSize(6)
                .allMatch(d -> d.severity() == Severity.WARNING && d.message().contains(": FLOPs "));
        assertThat(catalog.diagnostics()).filteredOn(d -> d.message().startsWith("resnetv2_50x1_bitm: FLOPs"))
                .singleElement().extracting(Diagnostic::message).isEqualTo("resnetv2_50x1_bitm: FLOPs 5,330,896 fit "
                        + "neither the 18.77 G multiply-adds (MACs) of resnetv2 [3, 4, 6, 3] width x1, stem 64, 1000 "
                        + "classes at 480 x 480 px nor the 37.54 G FLOPs (2 per multiply-add), within 10%");
        assertThat(catalog.models()).extracting(Model::id).containsExactly(
                "resnetv2_101x1_bitm", "resnetv2_101x3_bitm", "resnetv2_152x2_bitm", "resnetv2_152x4_bitm",
                "resnetv2_50x1_bitm", "resnetv2_50x3_bitm");
    }

    @Test
    void claimedResultsAreRead() {
        List<String> ids = List.of("resnetv2_50x1_bitm", "resnetv2_50x3_bitm", "resnetv2_101x1_bitm",
                "resnetv2_101x3_bitm", "resnetv2_152x2_bitm", "resnetv2_152x4_bitm");
        double[] top1 = {80.19, 83.75, 82.21, 84.38, 84.4, 84.95};
        double[] top5 = {95.63, 97.12, 96.47, 97.37, 97.43, 97.45};
        for (int i = 0; i < ids.size(); i++) {
            Model m = catalog.find(ids.get(i)).orElseThrow();
            assertThat(m.claimed("ImageNet", Metric.TOP1).orElseThrow().value()).isEqualTo(top1[i]);
            assertThat(m.claimed("ImageNet", Metric.TOP5).orElseThrow().value()).isEqualTo(top5[i]);
        }
    }

    @Test
    void everyFieldOfTheSeedIsTyped() {
        Model m = catalog.find("resnetv2_50x1_bitm").orElseThrow();
        ModelMetadata md = m.metadata();
        assertThat(md.parameters()).isEqualTo(25_550_000L);
        assertThat(md.fileSize()).isEqualTo(102_242_668L);
        assertThat(md.flops()).isEqualTo(5_330_896L);
        assertThat(md.imageSize()).isEqualTo(480);
        assertThat(md.cropPct()).isEqualTo(1.0);
        assertThat(md.interpolation()).isEqualTo("bilinear");
        assertThat(md.lr()).isEqualTo(0.03);
        assertThat(md.epochs()).isEqualTo(90);
        assertThat(md.layers()).isEqualTo(50);
        assertThat(md.momentum()).isEqualTo(0.9);
        assertThat(md.batchSize()).isEqualTo(4096);
        assertThat(md.weightDecay()).isEqualTo(0.0001);
        assertThat(md.trainingResources()).isEqualTo("Cloud TPUv3-512");
        assertThat(md.trainingData()).containsExactly("ImageNet", "JFT-300M");
        assertThat(md.trainingTechniques()).contains("Mixup");
        assertThat(md.tasks()).containsExactly("Image Classification");
        assertThat(md.architecture()).contains("Group Normalization", "Weight Standardization");
        assertThat(m.weights()).isEqualTo("https://storage.googleapis.com/bit_models/BiT-M-R50x1-ILSVRC2012.npz");
        assertThat(m.code().url()).contains("resnetv2.py#L430");
        assertThat(m.collection()).isEqualTo("Big Transfer");
        // inherited from the collection
        assertThat(m.paper().title()).isEqualTo("Big Transfer (BiT): General Visual Representation Learning");
        assertThat(m.paper().url()).startsWith("https://paperswithcode.com/");
        assertThat(m.citation()).startsWith("@misc{kolesnikov2020big,").contains("1912.11370");
        assertThat(m.networkSpec()).isPresent();
    }

    @Test
    void positionsPointIntoTheMarkdownFile() {
        Model m = catalog.find("resnetv2_101x1_bitm").orElseThrow();
        // the YAML comment opens on line 24 of big-transfer.md; the first model starts on line 32
        assertThat(m.pos().line()).isEqualTo(32);
        assertThat(m.pos().column()).isEqualTo(3);
        assertThat(m.positionOf("Metadata.Parameters").line()).isEqualTo(36);
        assertThat(m.positionOf("Metadata.Parameters").column()).isEqualTo(17);
    }
}
