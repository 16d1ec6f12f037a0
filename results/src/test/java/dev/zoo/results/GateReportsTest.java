package dev.zoo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.DefaultCatalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class GateReportsTest {

    @TempDir
    Path tmp;

    static Run run(long id, String model, double top1, double top5) {
        return Runs.complete(id, model, KnownDataset.IMAGENET, top1, top5);
    }

    @Test
    void differencesBeyondTheToleranceFailEitherWay() {
        Map<String, Map<String, Double>> expected = Map.of("ImageNet", Map.of("Top 1 Accuracy", 80.19));
        assertThat(Comparison.compare("m", run(1, "m", 80.25, 95), expected, x -> 0.1, "claimed", false))
                .singleElement().extracting(CheckItem::outcome).isEqualTo(CheckItem.Outcome.PASS);
        assertThat(Comparison.compare("m", run(1, "m", 80.08, 95), expected, x -> 0.1, "claimed", false))
                .singleElement().satisfies(i -> {
                    assertThat(i.outcome()).isEqualTo(CheckItem.Outcome.FAIL);
                    assertThat(i.message()).contains("measured 80.08, claimed 80.19 (-0.11 = 55 of 50,000 images; "
                            + "95% interval of the measured value 79.73–80.43), regressed beyond");
                });
        assertThat(Comparison.compare("m", run(1, "m", 81.0, 95), expected, x -> 0.1, "claimed", false))
                .singleElement().extracting(CheckItem::message).asString().contains("moved up beyond");
        Map<String, Map<String, Double>> real = Map.of("ImageNet-ReaL", Map.of("Top 1 Accuracy", 87.0));
        assertThat(Comparison.compare("m", run(1, "m", 81.0, 95), real, x -> 0.1, "baseline", true))
                .singleElement().extracting(CheckItem::outcome).isEqualTo(CheckItem.Outcome.ERROR);
        assertThat(Comparison.compare("m", run(1, "m", 81.0, 95), real, x -> 0.1, "claimed", false)).isEmpty();
    }

    /**
     * On 50 paired images a move of 2 points is one image: beyond a 0.1 tolerance, it fails only when McNemar's test
     * says the flips are not chance. Balanced noise (3 lost, 2 gained) passes; 8 lost and none gained fails.
     */
    @Test
    void onPairedImagesOnlyASignificantMoveBeyondTheToleranceFails() {
        Scope scope = new Scope("Folder", "/d", "f".repeat(64), null, null, 50, 50, 50, 0, true);
        Run noise = new Run(2L, "m", Run.Status.COMPLETED, scope, Runs.PROVENANCE, null, 1.0, null, null, null,
                null, null, List.of(new Run.Measurement("Folder", "Top 1 Accuracy", 78.0, 50)));
        Map<String, Map<String, Double>> base = Map.of("Folder", Map.of("Top 1 Accuracy", 80.0));
        Map<String, Stats.Paired> balanced = Map.of("Top 1 Accuracy", new Stats.Paired(37, 3, 2, 8));
        assertThat(Comparison.compare("m", noise, base, x -> 0.1, "baseline", true, balanced, 0.05))
                .singleElement().satisfies(i -> {
                    assertThat(i.outcome()).isEqualTo(CheckItem.Outcome.PASS);
                    assertThat(i.message()).contains("-2.00 = 1 of 50 images; lost 3, gained 2",
                            "McNemar p = 1.0000", "not significant at α = 0.05 (numeric noise), so within");
                    assertThat(i.evidence().lost()).isEqualTo(3);
                });
        Run worse = new Run(3L, "m", Run.Status.COMPLETED, scope, Runs.PROVENANCE, null, 1.0, null, null, null,
                null, null, List.of(new Run.Measurement("Folder", "Top 1 Accuracy", 64.0, 50)));
        Map<String, Stats.Paired> regression = Map.of("Top 1 Accuracy", new Stats.Paired(32, 8, 0, 10));
        assertThat(Comparison.compare("m", worse, base, x -> 0.1, "baseline", true, regression, 0.05))
                .singleElement().satisfies(i -> {
                    assertThat(i.outcome()).isEqualTo(CheckItem.Outcome.FAIL);
                    assertThat(i.message()).contains("-16.00 = 8 of 50 images", "McNemar p = 0.0078",
                            "a significant regression beyond the tolerance");
                });
        assertThat(Comparison.finerThanOneImage(0.1, 50)).contains("finer than one image of 50 (2.00 points)");
        assertThat(Comparison.finerThanOneImage(0.1, 50_000)).isNull();
    }

    @Test
    void junitXmlIsWellFormedAndEscapesEverything() throws Exception {
        GateReport report = new GateReport(List.of(
                new CheckItem("m<1>", "ImageNet Top 1 Accuracy", CheckItem.Outcome.FAIL, 80.19, 79.0, 0.1,
                        "ImageNet-1k validation, complete (50,000 images)", "m<1> regressed \"badly\" & more"),
                CheckItem.of("m<1>", "weights sha256", CheckItem.Outcome.PASS, "ok"),
                CheckItem.of("m2", "run", CheckItem.Outcome.ERROR, "no run")),
                List.of("a note <b>"), Instant.parse("2026-11-26T12:00:00Z"), 1.5);
        Path file = tmp.resolve("out/junit.xml");
        JUnitReport.write(report, file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("m<1> regressed \"badly\" & more");
        assertThat(((Element) failure.getParentNode()).getAttribute("classname")).isEqualTo("m<1>");
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("a note <b>");
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(MarkdownReport.render(report)).startsWith("## zoo check: failed (3 checks, 1 failed, 1 not checked)")
                .contains("| ❌ | `m<1>` | ImageNet Top 1 Accuracy | 80.19 | 79.00 | -1.19 | 0.10 |  | ImageNet-1k "
                        + "validation, complete (50,000 images) |");
        assertThat(failure.getTextContent()).contains("measured on: ImageNet-1k validation, complete");
    }

    @Test
    void baselinesRoundTripWithToleranceOverrides() throws Exception {
        Baseline b = Baseline.record(List.of(run(7, "m", 80.19, 95.63)), "0.1.0");
        Path file = tmp.resolve("baseline.yml");
        b.write(file);
        Files.writeString(file, Files.readString(file) + "Tolerance:\n  Top 1 Accuracy: 0.5\n");
        Baseline back = Baseline.read(file);
        Baseline.Entry e = back.entry("m").orElseThrow();
        assertThat(e.results()).isEqualTo(Map.of("ImageNet", Map.of("Top 1 Accuracy", 80.19, "Top 5 Accuracy",
                95.63)));
        assertThat(e.runId()).isEqualTo(7L);
        assertThat(e.scope().fingerprint()).isEqualTo("f".repeat(64));
        assertThat(e.scope().complete()).isTrue();
        assertThat(e.scope().dataset()).isEqualTo("ImageNet");
        assertThat(e.scope().scored()).isEqualTo(50_000);
        assertThat(e.provenance().recipe()).isEqualTo("crop 480");
        assertThat(Files.readString(file)).contains("Scope: ImageNet-1k validation, complete (50,000 images)");
        assertThat(back.tolerance(e, "Top 1 Accuracy", 0.1)).isEqualTo(0.5);
        assertThat(back.tolerance(e, "Top 5 Accuracy", 0.1)).isEqualTo(0.1);

        Path bad = Files.writeString(tmp.resolve("bad.yml"), "Models:\n- ID: m\n  Results:\n    ImageNet:\n"
                + "      Top 1 Accuracy: high\n");
        assertThatThrownBy(() -> Baseline.read(bad)).hasMessage(bad + ": model m Results.ImageNet.Top 1 Accuracy "
                + "must be a number, found 'high'");
        Path notYaml = Files.writeString(tmp.resolve("x.yml"), "Models: [\n");
        assertThatThrownBy(() -> Baseline.read(notYaml)).hasMessageStartingWith(notYaml + ":2:1: YAML syntax");
    }

    @Test
    void exportedModelIndexParsesBackAndLintsClean() {
        Catalog seed = new CatalogLoader().load(DefaultCatalog.source());
        Model m = seed.find("resnetv2_50x1_bitm").orElseThrow();
        String yaml = ResultsExport.modelIndex(List.of(new ResultsExport.Measured(m, Map.of("ImageNet",
                run(3, m.id(), 80.1949, 95.6)))), "0.1.0");
        Catalog back = new CatalogLoader().load(new CatalogSource.Text("export.yml", yaml));
        assertThat(back.diagnostics()).filteredOn(d -> d.severity() != dev.zoo.metadata.Severity.INFO).isEmpty();
        Model again = back.find("resnetv2_50x1_bitm").orElseThrow();
        assertThat(again.claimed("ImageNet", "Top 1 Accuracy").orElseThrow().value()).isEqualTo(80.19);
        assertThat(again.sha256()).isEqualTo("a".repeat(64));
        assertThat(again.metadata().imageSize()).isEqualTo(480);

        assertThat(yaml).contains("# resnetv2_50x1_bitm, ImageNet: run #3, ImageNet-1k validation, complete (50,000 "
                + "images)");
        String csv = ResultsExport.timmCsv(List.of(new ResultsExport.Measured(m, Map.of("ImageNet",
                run(3, m.id(), 80.19, 95.63)))), KnownDataset.IMAGENET);
        assertThat(csv).isEqualTo("model,top1,top1_err,top5,top5_err,param_count,img_size,crop_pct,interpolation,"
                + "images,top1_low,top1_high,top5_low,top5_high\n"
                + "resnetv2_50x1_bitm,80.190,19.810,95.630,4.370,25.55,480,1.000,bilinear,50000,79.838,80.537,95.447,"
                + "95.806\n");   // the intervals: SciPy's Wilson for 40,095 and 47,815 of 50,000
    }

    @Test
    void exportCommentsSayOnlyWhatIsKnownAndReaLItsLabelledImages() {
        Catalog seed = new CatalogLoader().load(DefaultCatalog.source());
        Model m = seed.find("resnetv2_50x1_bitm").orElseThrow();
        Scope scope = new Scope("ImageNet", null, null, null, null, 50_000, 50_000, 0, 0, false).finished(50_000, 0);
        Run uploaded = new Run(7L, m.id(), Run.Status.COMPLETED, scope, Provenance.NONE, null, null, null, null, null,
                null, null, List.of(new Run.Measurement("ImageNet", "Top 1 Accuracy", 80.19),
                new Run.Measurement("ImageNet-ReaL", "Top 1 Accuracy", 86.4, 46_837)));
        String yaml = ResultsExport.modelIndex(List.of(new ResultsExport.Measured(m, Map.of("ImageNet", uploaded,
                "ImageNet-ReaL", uploaded))), "0.1.0");
        assertThat(yaml).doesNotContain("null")
                .contains("# resnetv2_50x1_bitm, ImageNet: run #7, ImageNet-1k validation, complete (50,000 images)\n")
                .contains("# resnetv2_50x1_bitm, ImageNet-ReaL: run #7, ImageNet-ReaL labels on 46,837 of the 50,000 "
                        + "images scored (ImageNet-1k validation, complete (50,000 images))\n");
    }
}
