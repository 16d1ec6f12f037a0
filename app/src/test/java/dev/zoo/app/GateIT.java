package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.TinyImages;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.core.Database;
import dev.zoo.registry.TestDatabases;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI gate as this project's own CI runs it: a tiny BiT-layout network served over loopback, a generated labelled
 * dataset, a recorded baseline, a passing {@code zoo check}, then deliberately broken preprocessing that fails it with
 * exit 1 and a JUnit failure naming the model and the metric.
 */
class GateIT {

    @TempDir
    Path tmp;

    Path home;
    Path catalog;
    Path data;
    ZooProcess zoo;
    TinyBit tiny;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        zoo = new ZooProcess(home);
        tiny = new TinyBit();
        catalog = tiny.catalog(tmp.resolve("good.yml"), "0.5");
        // unbalanced classes: broken preprocessing that sends every image to one class moves top-1 for certain
        data = TinyImages.classFolders(tmp.resolve("data"), 10, 3);
        for (int i = 3; i < 9; i++) {
            TinyImages.write(data.resolve("class_00/extra_" + i + ".jpg"), 50, 60, 1000 + i);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        tiny.close();
    }

    static List<Element> testcases(Path junit) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
        NodeList cases = doc.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            out.add((Element) cases.item(i));
        }
        return out;
    }

    @Test
    void baselinePassThenBrokenPreprocessingFailsWithAJUnitFailure() throws Exception {
        ZooProcess.Result eval = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--batch", "4");
        assertThat(eval.exit()).as(eval.toString()).isZero();
        Path baseline = tmp.resolve("ci/baseline.yml");
        ZooProcess.Result record = zoo.run("baseline", "record", "--catalog", catalog.toString(), "bit_tiny", "--out",
                baseline.toString());
        assertThat(record.exit()).as(record.toString()).isZero();
        assertThat(Files.readString(baseline)).contains("ID: bit_tiny", "Data Fingerprint:", "Weights SHA256:",
                "Top 1 Accuracy:");

        Path passXml = tmp.resolve("reports/pass.xml");
        Path passMd = tmp.resolve("reports/pass.md");
        Path summary = tmp.resolve("step-summary.md");
        ZooProcess.Result pass = zoo.env("GITHUB_STEP_SUMMARY", summary.toString()).run("check", "-q", "--catalog",
                catalog.toString(), "--baseline", baseline.toString(), "--data", data.toString(), "--batch", "4",
                "--junit", passXml.toString(), "--markdown", passMd.toString());
        assertThat(pass.exit()).as(pass.toString()).isZero();
        assertThat(pass.out()).contains("passed: 3 checks, 0 failed, 0 not checked");
        List<Element> passed = testcases(passXml);
        assertThat(passed).extracting(e -> e.getAttribute("classname") + " / " + e.getAttribute("name"))
                .containsExactly("bit_tiny / weights sha256", "bit_tiny / Folder Top 1 Accuracy",
                        "bit_tiny / Folder Top 5 Accuracy");
        assertThat(passed).allSatisfy(e -> assertThat(e.getElementsByTagName("failure").getLength()).isZero());
        assertThat(Files.readString(passMd)).startsWith("## zoo check: passed");
        assertThat(Files.readString(summary)).isEqualTo(Files.readString(passMd));

        Path broken = tiny.catalog(tmp.resolve("broken.yml"), "1000");
        // a random network on 36 images: broken preprocessing flips images both ways, which 36 images cannot tell
        // from chance, so the default verdict (beyond the tolerance and significant) lets it through, saying why
        ZooProcess.Result noise = zoo.run("check", "-q", "--catalog", broken.toString(), "--baseline",
                baseline.toString(), "--data", data.toString(), "--batch", "4");
        assertThat(noise.exit()).as(noise.toString()).isZero();
        assertThat(noise.out()).contains("finer than one image of 36 (2.78 points)");
        Path failXml = tmp.resolve("reports/fail.xml");
        ZooProcess.Result fail = zoo.run("check", "-q", "--catalog", broken.toString(), "--baseline",
                baseline.toString(), "--data", data.toString(), "--batch", "4", "--junit", failXml.toString(),
                "--verdict", "tolerance");
        assertThat(fail.exit()).as(fail.toString()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL: bit_tiny Folder Top 1 Accuracy: measured")
                .contains("note: bit_tiny: the recipe (preprocessing, precision) changed since the baseline");
        List<Element> failed = testcases(failXml).stream()
                .filter(e -> e.getElementsByTagName("failure").getLength() > 0).toList();
        assertThat(failed).extracting(e -> e.getAttribute("classname") + " / " + e.getAttribute("name"))
                .contains("bit_tiny / Folder Top 1 Accuracy");
        Element failure = (Element) failed.get(0).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("bit_tiny Folder", "baseline", "tolerance of 0.10",
                "a folder of 36 images, complete");

        // other images than the baseline's: refused in seconds, before anything is evaluated or stored
        Path other = TinyImages.classFolders(tmp.resolve("other"), 10, 2);
        int runsBefore = runs();
        ZooProcess.Result wrongData = zoo.run("check", "-q", "--catalog", catalog.toString(), "--baseline",
                baseline.toString(), "--data", other.toString());
        assertThat(wrongData.exit()).as(wrongData.toString()).isEqualTo(2);
        assertThat(wrongData.out()).contains("other images than the baseline's", "a folder of 20 images");
        assertThat(runs()).isEqualTo(runsBefore);
    }

    int runs() throws Exception {
        return json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json").out()).get("runs")
                .size();
    }

    @Test
    void claimsAreComparedOnlyWithCompleteRunsOnTheirDataset() throws Exception {
        assertThat(zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data", data.toString())
                .exit()).isZero();
        // a folder is not ImageNet: the claims cannot be checked against it, from the database or by evaluating
        ZooProcess.Result fromDb = zoo.run("check", "--catalog", catalog.toString(), "bit_tiny", "--from-db",
                "--tolerance", "100");
        assertThat(fromDb.exit()).as(fromDb.toString()).isEqualTo(2);
        assertThat(fromDb.out()).contains("no complete run of bit_tiny on ImageNet-1k validation (50,000 images)");
        ZooProcess.Result evaluating = zoo.run("check", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString());
        assertThat(evaluating.exit()).isEqualTo(2);
        assertThat(evaluating.out()).contains("not comparable with its claims", "a folder of 36 images",
                "nothing was evaluated");
        ZooProcess.Result noExport = zoo.run("export", "--catalog", catalog.toString(), "--format", "model-index");
        // nothing to publish is an answer: an empty document, and why
        assertThat(noExport.exit()).as(noExport.toString()).isZero();
        assertThat(noExport.err()).contains("nothing to export: no complete run on a dataset Zoo can identify");
        assertThat(noExport.out()).contains("Models: []");

        // a complete ImageNet run (as one measured elsewhere would be): compared, exported, round-tripped
        long complete;
        try (Database db = TestDatabases.h2(home)) {
            complete = new RunRepository(db).insertCompleted(Runs.complete(0, "bit_tiny", KnownDataset.IMAGENET, 10.04,
                    50.2));
            new RunRepository(db).insertCompleted(Runs.partial(0, "bit_tiny", KnownDataset.IMAGENET, 5, 80, 100));
        }
        ZooProcess.Result claims = zoo.run("check", "--catalog", catalog.toString(), "bit_tiny", "--from-db",
                "--json");
        assertThat(claims.exit()).as(claims.toString()).isEqualTo(1);   // top-5 50.2 vs 50.0: beyond 0.1
        JsonNode verdicts = json.readTree(claims.out());
        assertThat(verdicts.get("items")).hasSize(3);
        assertThat(verdicts.get("items").get(1).get("measured").asDouble()).isEqualTo(10.04);
        assertThat(verdicts.get("items").get(1).get("scope").asText())
                .isEqualTo("ImageNet-1k validation, complete (50,000 images)");

        Path exported = tmp.resolve("export/model-index.yml");
        ZooProcess.Result export = zoo.run("export", "--catalog", catalog.toString(), "--format", "model-index",
                "--out", exported.toString(), "bit_tiny");
        assertThat(export.exit()).as(export.toString()).isZero();
        ZooProcess.Result lint = zoo.run("lint", exported.toString());
        assertThat(lint.exit()).as(lint.toString()).isZero();
        assertThat(lint.out()).contains("0 error(s), 0 warning(s)");
        Catalog back = new CatalogLoader().load(new CatalogSource.File(exported));
        assertThat(back.find("bit_tiny").orElseThrow().claimed("ImageNet", "Top 1 Accuracy").orElseThrow().value())
                .isEqualTo(10.04);
        assertThat(Files.readString(exported)).contains("complete (50,000 images)").doesNotContain("Folder");

        ZooProcess.Result csv = zoo.run("export", "--catalog", catalog.toString(), "--format", "csv");
        assertThat(csv.out().lines().toList()).hasSize(2).first().asString()
                .isEqualTo("model,top1,top1_err,top5,top5_err,param_count,img_size,crop_pct,interpolation,images,"
                        + "top1_low,top1_high,top5_low,top5_high");
        assertThat(csv.out().lines().toList().get(1)).startsWith("bit_tiny,10.040,")
                .contains(",0.88,64,0.875,bicubic,50000,9.780,10.307,");

        // marked reported, not reproduced: the gate and the exports leave it out unless asked, and say so
        ZooProcess.Result relabel = zoo.run("runs", "relabel", Long.toString(complete), "--reported", "--reason",
                "measured on a machine nobody can name");
        assertThat(relabel.exit()).as(relabel.toString()).isZero();
        assertThat(relabel.out()).contains("origin measured -> reported");
        ZooProcess.Result leftOut = zoo.run("check", "--catalog", catalog.toString(), "bit_tiny", "--from-db");
        assertThat(leftOut.exit()).isEqualTo(2);
        assertThat(leftOut.out()).contains("run #" + complete + " is reported, not reproduced, left out unless "
                + "--include-reported");
        ZooProcess.Result asked = zoo.run("check", "--catalog", catalog.toString(), "bit_tiny", "--from-db",
                "--include-reported", "--tolerance", "1");
        assertThat(asked.exit()).as(asked.toString()).isZero();
        assertThat(asked.out()).contains("is reported, not reproduced (compared because --include-reported asks)");
        ZooProcess.Result reportedOnly = zoo.run("export", "--catalog", catalog.toString(), "--format", "csv");
        assertThat(reportedOnly.exit()).isZero();
        assertThat(reportedOnly.out().lines()).singleElement().asString().startsWith("model,top1,");   // no rows
        ZooProcess.Result removed = zoo.run("runs", "remove", Long.toString(complete), "--reason", "a test");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.out()).startsWith("removed run #" + complete + " of bit_tiny, completed (reported)");
        ZooProcess.Result again = zoo.run("runs", "remove", Long.toString(complete), "--reason", "a test");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("no run " + complete + " (removed ", "a test)");
        assertThat(zoo.run("runs", "remove", Long.toString(complete)).err()).contains("--reason");

        // a cached file that no longer matches its pin fails the gate
        Path cached = home.resolve("weights/bit_tiny/tiny.npz");
        byte[] bytes = Files.readAllBytes(cached);
        bytes[bytes.length / 2] ^= 1;
        Files.write(cached, bytes);
        ZooProcess.Result tampered = zoo.run("check", "--catalog", catalog.toString(), "bit_tiny", "--from-db",
                "--tolerance", "100");
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("FAIL: bit_tiny: bit_tiny has sha256");

        ZooProcess.Result usage = zoo.run("check", "--catalog", catalog.toString());
        assertThat(usage.exit()).isEqualTo(2);
    }
}
