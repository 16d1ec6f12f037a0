package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.DefaultCatalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scope rules of the results table and of exports: only complete runs on the claim's dataset are "measured". */
class ResultsTableTest {

    final Catalog seed = new CatalogLoader().load(DefaultCatalog.source());
    final Model m = seed.find("resnetv2_50x1_bitm").orElseThrow();

    @Test
    void aSmokeRunNeverReplacesTheCompleteMeasurement() {
        Run full = Runs.complete(1, m.id(), KnownDataset.IMAGENET, 80.1, 95.6);
        Run smoke = Runs.partial(2, m.id(), KnownDataset.IMAGENET, 5, 100.0, 100.0);
        ResultRow row = ResultsTable.row(m, m.collection(), "ImageNet", new RunRepository.Latest(full, smoke));
        assertThat(row.measuredTop1()).isEqualTo(80.1);
        assertThat(row.runId()).isEqualTo(1L);
        assertThat(row.diffTop1()).isEqualTo(-0.09);
        assertThat(row.diffTop5()).isEqualTo(-0.03);
        assertThat(row.other().runId()).isEqualTo(2L);
        assertThat(row.other().top1()).isEqualTo(100.0);
        assertThat(row.other().scope()).isEqualTo("ImageNet-1k validation, partial: 5 of 50,000 images scored "
                + "(first 5)");
    }

    @Test
    void aPartialRunAloneIsShownAsSuchNotAsMeasured() {
        Run smoke = Runs.partial(2, m.id(), KnownDataset.IMAGENET, 5, 100.0, 100.0);
        ResultRow row = ResultsTable.row(m, m.collection(), "ImageNet", new RunRepository.Latest(null, smoke));
        assertThat(row.measuredTop1()).isNull();
        assertThat(row.diffTop1()).isNull();
        assertThat(row.beyondTolerance()).isFalse();
        assertThat(row.other().scope()).contains("partial: 5 of 50,000");
    }

    @Test
    void aFolderRunIsItsOwnRowAndNeverMeasured() {
        Run folder = Runs.folder(3, m.id(), 50, 12.0, 40.0);
        List<ResultRow> rows = ResultsTable.build(seed, Map.of(m.id(), Map.of("Folder",
                new RunRepository.Latest(folder, null))));
        ResultRow imagenet = rows.stream().filter(r -> r.model().equals(m.id()) && r.dataset().equals("ImageNet"))
                .findFirst().orElseThrow();
        assertThat(imagenet.measuredTop1()).isNull();
        ResultRow other = rows.stream().filter(r -> r.model().equals(m.id()) && r.dataset().equals("Folder"))
                .findFirst().orElseThrow();
        assertThat(other.measuredTop1()).isNull();
        assertThat(other.claimedTop1()).isNull();
        assertThat(other.other().scope()).isEqualTo("a folder of 50 images, complete in /tmp/folder");
        assertThat(other.other().top1()).isEqualTo(12.0);
    }

    @Test
    void eachFolderKeepsItsOwnRow() {
        Run big = Runs.folder(3, m.id(), 50, 12.0, 40.0);
        Scope small = new Scope(KnownDataset.FOLDER.label(), "/tmp/four", "c".repeat(64), null, null, 4, 4, 0, 0,
                false).finished(4, 0);
        Run four = Runs.run(4, m.id(), small, 25.0, 75.0);
        List<ResultRow> rows = ResultsTable.rows(seed, m, Map.of(
                RunRepository.folderKey(big.scope().fingerprint()), new RunRepository.Latest(big, null),
                RunRepository.folderKey(small.fingerprint()), new RunRepository.Latest(four, null)));
        assertThat(rows).filteredOn(r -> r.dataset().equals("Folder")).extracting(r -> r.other().scope())
                .containsExactlyInAnyOrder("a folder of 50 images, complete in /tmp/folder",
                        "a folder of 4 images, complete in /tmp/four");
    }

    @Test
    void exportsTakeOnlyCompleteRunsOnIdentifiedDatasets() {
        Run full = Runs.complete(1, m.id(), KnownDataset.IMAGENET, 80.1, 95.6);
        Run smoke = Runs.partial(2, m.id(), KnownDataset.IMAGENET, 5, 100.0, 100.0);
        Run folder = Runs.folder(3, m.id(), 50, 12.0, 40.0);
        Model other = seed.find("resnetv2_101x1_bitm").orElseThrow();
        List<ResultsExport.Measured> rows = ResultsExport.exportable(List.of(m, other), Map.of(
                m.id(), Map.of("ImageNet", new RunRepository.Latest(full, smoke),
                        "Folder", new RunRepository.Latest(folder, null)),
                other.id(), Map.of("ImageNet", new RunRepository.Latest(null, smoke))));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.model().id()).isEqualTo(m.id());
            assertThat(r.byDataset()).containsOnlyKeys("ImageNet");
            assertThat(r.byDataset().get("ImageNet").id()).isEqualTo(1L);
        });
        assertThat(ResultsExport.modelIndex(rows, "0.1.0")).doesNotContain("Folder").doesNotContain("100.0");
    }

    @Test
    void claimsMatchByDatasetIdentity() {
        assertThat(KnownDataset.canonical("ImageNet ReaL")).isEqualTo("ImageNet-ReaL");
        assertThat(KnownDataset.canonical("imagenet-1k")).isEqualTo("ImageNet");
        assertThat(KnownDataset.canonical("ImageNetV2")).isEqualTo("ImageNetV2 matched-frequency");
        assertThat(KnownDataset.canonical("ImageNet V2 threshold 0.7")).isEqualTo("ImageNetV2 threshold-0.7");
        assertThat(KnownDataset.named("Folder")).isEmpty();
        assertThat(ResultsTable.claimed(m, "imagenet", "Top 1 Accuracy")).isEqualTo(80.19);
    }
}
