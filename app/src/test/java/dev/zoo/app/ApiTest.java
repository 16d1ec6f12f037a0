package dev.zoo.app;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every endpoint of the REST API and the pages, with REST Assured, against a test catalogue and database. */
@QuarkusTest
class ApiTest {

    static final String RUN = """
            {"model": "xss_model", "dataset": "ImageNet", "images": 50000, "dataFingerprint": "%s",
             "provenance": {"recipe": "crop 224", "device": "cuda:0", "weightsSha256": "%s"}, "imagesPerSecond": 812.5,
             "results": [{"dataset": "ImageNet", "metric": "Top 1 Accuracy", "value": 70.1},
                         {"dataset": "ImageNet", "metric": "Top 5 Accuracy", "value": 90.2},
                         {"dataset": "ImageNet-ReaL", "metric": "Top 1 Accuracy", "value": 77.7}]}
            """.formatted("cd".repeat(32), "ab".repeat(32));
    /** A smoke test on 5 images, uploaded after the complete run. */
    static final String SMOKE = """
            {"model": "xss_model", "dataset": "ImageNet", "images": 5, "selection": "first 5",
             "results": [{"dataset": "ImageNet", "metric": "Top 1 Accuracy", "value": 100.0},
                         {"dataset": "ImageNet", "metric": "Top 5 Accuracy", "value": 100.0}]}
            """;

    long upload() {
        String location = given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token")
                .body(RUN).when().post("/api/runs").then().statusCode(201)
                .header("Location", containsString("/api/runs/"))
                .body("modelId", equalTo("xss_model"), "status", equalTo("COMPLETED"), "results", hasSize(3),
                        "scope.complete", equalTo(true))
                .extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void modelsListTheCatalogue() {
        given().when().get("/api/models").then().statusCode(200).contentType(ContentType.JSON)
                .body("id", hasItem("resnetv2_50x1_bitm"), "id", hasItem("xss_model"))
                .body("find { it.id == 'resnetv2_50x3_bitm' }.claimedTop1", equalTo(83.75f))
                .body("find { it.id == 'resnetv2_50x3_bitm' }.claimedTop5", equalTo(97.12f));
        given().when().get("/api/models/resnetv2_50x1_bitm").then().statusCode(200)
                .body("model.metadata.fileSize", equalTo(102242668), "networkParameters", equalTo(25549352),
                        "weights.url", containsString("BiT-M-R50x1"), "model.citation", startsWith("@misc"));
    }

    @Test
    void unknownIdsAre404AndBadParameters400WithJsonBodies() {
        given().when().get("/api/models/nope").then().statusCode(404).contentType(ContentType.JSON)
                .body("status", equalTo(404), "error", containsString("no model 'nope'"));
        given().when().get("/api/models/nope/runs").then().statusCode(404).body("status", equalTo(404));
        given().when().get("/api/runs/999999").then().statusCode(404).body("error", equalTo("no run 999999"));
        given().when().get("/api/runs/abc").then().statusCode(400).body("error", containsString("numbers"));
        given().when().get("/api/results?collection=Nowhere").then().statusCode(400)
                .body("error", containsString("no collection 'Nowhere'"));
        given().when().get("/api/results?model=nope").then().statusCode(400).body("status", equalTo(400));
        given().when().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON);
        given().when().get("/static/results.js").then().statusCode(404)
                .body(containsString("no such resource: /static/results.js"));
        given().when().get("/api/models/resnetv2_50x1_bitm").then().statusCode(200)
                .body(not(containsString("\"empty\"")));
        given().when().get("/models/nope").then().statusCode(404).contentType(ContentType.HTML)
                .body(containsString("no model"));
    }

    @Test
    void uploadsNeedTheBearerToken() {
        given().contentType(ContentType.JSON).body(RUN).when().post("/api/runs").then().statusCode(401)
                .body("error", containsString("Bearer"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(RUN).when()
                .post("/api/runs").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token")
                .body(RUN.replace("xss_model", "nope")).when().post("/api/runs").then().statusCode(400)
                .body("error", containsString("'nope' is not in this server's catalogue"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token")
                .body(RUN.replace("70.1", "170.1")).when().post("/api/runs").then().statusCode(400);
        long id = upload();
        given().when().get("/api/runs/" + id).then().statusCode(200).body("provenance.device", equalTo("cuda:0"),
                "scope.scored", equalTo(50000), "scope.datasetImages", equalTo(50000));
        given().when().get("/api/models/xss_model/runs").then().statusCode(200).body("id", hasItem((int) id));
    }

    @Test
    void uploadsDeclareTheirScopeAndItMustAddUp() {
        String auth = "Bearer test-token";
        given().contentType(ContentType.JSON).header("Authorization", auth)
                .body(RUN.replace("\"images\": 50000", "\"images\": 60000")).when().post("/api/runs").then()
                .statusCode(400).body("error", containsString("more than ImageNet has (50000)"));
        given().contentType(ContentType.JSON).header("Authorization", auth)
                .body(RUN.replace("\"dataset\": \"ImageNet\", \"images\"", "\"dataset\": \"Mine\", \"images\""))
                .when().post("/api/runs").then().statusCode(400)
                .body("error", containsString("dataset: unknown 'Mine'"));
        given().contentType(ContentType.JSON).header("Authorization", auth)
                .body(RUN.replace("\"dataset\": \"ImageNet\", \"images\": 50000", "\"images\": 50000"))
                .when().post("/api/runs").then().statusCode(400).body("error", containsString("dataset is required"));
        given().contentType(ContentType.JSON).header("Authorization", auth).body(SMOKE).when().post("/api/runs")
                .then().statusCode(201).body("scope.complete", equalTo(false), "scope.label",
                        equalTo("ImageNet-1k validation, partial: 5 of 50,000 images scored (first 5)"));
    }

    /** The same complete run, as a CI job might post it: numbers, and nothing to reproduce them with. */
    static final String BARE = """
            {"model": "xss_model", "dataset": "ImageNet", "images": 50000,
             "results": [{"dataset": "ImageNet", "metric": "Top 1 Accuracy", "value": 99.9},
                         {"dataset": "ImageNet", "metric": "Top 5 Accuracy", "value": 99.95}]}
            """;

    @Test
    void anUploadWithoutWhatReproducingItTakesIsReportedNeverMeasured() {
        long full = upload();
        given().when().get("/api/runs/" + full).then().body("provenance.origin", equalTo("uploaded"));
        int bare = given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body(BARE)
                .when().post("/api/runs").then().statusCode(201)
                .body("provenance.origin", equalTo("reported"), "provenance.precision", equalTo(null))
                .extract().path("id");
        // the complete measurement stays the measured value; the report stands beside it, named as such
        given().when().get("/api/results?model=xss_model&dataset=ImageNet").then().statusCode(200)
                .body("[0].measuredTop1", equalTo(70.1f), "[0].runId", equalTo((int) full),
                        "[0].other.runId", equalTo(bare), "[0].other.scope",
                        startsWith("reported, not reproduced: ImageNet-1k validation, complete"));
        given().when().get("/api/results.csv").then().body(containsString("xss_model,70.100,"))
                .body(not(containsString("99.900")));
        given().when().get("/runs/" + bare).then().statusCode(200)
                .body(containsString("reported, not reproduced"), containsString("weights digest, data fingerprint "
                        + "and recipe"), not(containsString("<dt>Precision</dt>")));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token")
                .body(BARE.replace("\"images\": 50000,", "\"images\": 50000, \"provenance\": {\"origin\": "
                        + "\"measured\"},")).when().post("/api/runs").then().statusCode(400)
                .body("error", containsString("provenance.origin is Zoo's to say"));
    }

    @Test
    void eachFolderKeepsItsOwnRow() {
        for (String[] folder : new String[][]{{"50", "/data/fifty", "1"}, {"4", "/data/four", "2"}}) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body("""
                    {"model": "xss_model", "dataset": "Folder", "images": %s, "datasetImages": %s, "dataPath": "%s",
                     "dataFingerprint": "%s", "provenance": {"recipe": "crop 224", "weightsSha256": "%s"},
                     "results": [{"dataset": "Folder", "metric": "Top 1 Accuracy", "value": 50.0}]}
                    """.formatted(folder[0], folder[0], folder[1], folder[2].repeat(64), "ab".repeat(32)))
                    .when().post("/api/runs").then().statusCode(201);
        }
        given().when().get("/api/results?model=xss_model&dataset=Folder").then().statusCode(200)
                .body("other.scope", hasItem("a folder of 50 images, complete in /data/fifty"))
                .body("other.scope", hasItem("a folder of 4 images, complete in /data/four"))
                .body("measuredTop1", everyItem(equalTo(null)));
    }

    @Test
    void runsAreRelabelledAndRemovedWithTheirReasonsKept() {
        long id = upload();
        String reason = "{\"reason\": \"the weights were not the card's\"}";
        given().contentType(ContentType.JSON).body(reason).when().delete("/api/runs/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body("{}").when()
                .post("/api/runs/" + id + "/reported").then().statusCode(400).body("error", containsString("say why"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body("{\"why\": 1}")
                .when().post("/api/runs/" + id + "/reported").then().statusCode(400)
                .body("error", containsString("why: unknown field"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body(reason).when()
                .post("/api/runs/" + id + "/reported").then().statusCode(200)
                .body("action", equalTo("RELABELLED"), "detail", equalTo("origin uploaded -> reported"),
                        "by", equalTo("api"));
        given().when().get("/api/runs/" + id).then().body("provenance.origin", equalTo("reported"));
        given().when().get("/api/results?model=xss_model&dataset=ImageNet").then()
                .body("[0].runId", not(equalTo((int) id)));
        given().when().get("/runs/" + id).then().statusCode(200)
                .body(containsString("<h2>Changes</h2>"), containsString("the weights were not the card&#39;s"));

        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token")
                .body("{\"reason\": \"uploaded by mistake\"}").when().delete("/api/runs/" + id).then()
                .statusCode(200).body("action", equalTo("REMOVED"), "detail", startsWith("run #" + id
                        + " of xss_model, completed (reported), ImageNet-1k validation, complete"));
        given().when().get("/api/runs/" + id).then().statusCode(410)
                .body("error", containsString("was removed on"), "error", containsString("uploaded by mistake"));
        given().when().get("/runs/" + id).then().statusCode(410).contentType(ContentType.HTML)
                .body(containsString("uploaded by mistake"));
        given().when().get("/api/runs/" + id + "/changes").then().statusCode(200)
                .body("action", equalTo(java.util.List.of("RELABELLED", "REMOVED")));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body(reason).when()
                .delete("/api/runs/" + id).then().statusCode(410);
    }

    @Test
    void aSmokeRunNeverReplacesTheCompleteMeasurement() {
        long full = upload();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body(SMOKE).when()
                .post("/api/runs").then().statusCode(201);
        given().when().get("/api/results?model=xss_model&dataset=ImageNet").then().statusCode(200)
                .body("[0].measuredTop1", equalTo(70.1f), "[0].runId", equalTo((int) full),
                        "[0].other.top1", equalTo(100.0f), "[0].other.scope", containsString("partial: 5 of 50,000"));
        given().when().get("/").then().body(containsString("100.00 ±43.45 / 100.00 · reported, not reproduced: "
                + "ImageNet-1k validation, partial: 5 of 50,000 images scored (first 5)"));
        given().when().get("/api/results.csv").then().body(containsString("xss_model,70.100,"))
                .body(not(containsString("xss_model,100.000")));
    }

    @Test
    void resultsPutClaimedBesideMeasuredAndExportTimmCsv() {
        upload();
        given().when().get("/api/results?model=xss_model").then().statusCode(200)
                .body("find { it.dataset == 'ImageNet' }.claimedTop1", equalTo(70.5f))
                .body("find { it.dataset == 'ImageNet' }.measuredTop1", equalTo(70.1f))
                .body("find { it.dataset == 'ImageNet' }.beyondTolerance", equalTo(true))
                .body("find { it.dataset == 'ImageNet-ReaL' }.measuredTop1", equalTo(77.7f));
        given().when().get("/api/results?dataset=ImageNet&collection=Big Transfer").then().statusCode(200)
                .body("$", hasSize(6));
        given().when().get("/api/results.csv").then().statusCode(200).contentType(containsString("text/csv"))
                .body(startsWith("model,top1,top1_err,top5,top5_err,param_count,img_size,crop_pct,interpolation,"
                        + "images,top1_low,top1_high,top5_low,top5_high\n"))
                .body(containsString("xss_model,70.100,29.900,90.200,9.800,1.00,224,0.875,bicubic"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/models/{id}"),
                containsString("/api/results.csv"), containsString("scheme: bearer"),
                containsString("\"401\":"), containsString("\"201\":"), not(containsString("/chart")),
                not(containsString("\n  /models/{id}")));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void everyCatalogueAndDatabaseStringIsEscapedInHtml() {
        upload();
        for (String page : new String[]{"/", "/models/xss_model", "/chart"}) {
            given().when().get(page).then().statusCode(200).contentType(ContentType.HTML)
                    .body(not(containsString("<script>alert(1)</script>")))
                    .body(not(containsString("<img src=x")))
                    .body(not(containsString("<b>Collection</b>")));
        }
        given().when().get("/models/xss_model").then()
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(containsString("&lt;img src=x onerror=alert(2)&gt; A paper with HTML in its title"))
                .body(containsString("https://example.org/paper?a=1&amp;b=2"));
        given().when().get("/").then().body(containsString("Hostile &lt;b&gt;Collection&lt;/b&gt;"));
    }

    @Test
    void pagesRenderAndNoPathLeavesTheSite() {
        given().when().get("/").then().statusCode(200).body(containsString("<table id=\"results\""),
                containsString("resnetv2_152x4_bitm"), containsString("84.95"));
        given().when().get("/models/resnetv2_50x1_bitm").then().statusCode(200)
                .body(containsString("25,549,352 parameters"), containsString("@misc{kolesnikov2020big"));
        long id = upload();
        given().when().get("/runs/" + id).then().statusCode(200).body(containsString("cuda:0"),
                containsString("70.10"));
        given().when().get("/chart").then().statusCode(200).body(containsString("<svg id=\"chart-params\""));
        given().when().get("/static/zoo.css").then().statusCode(200).body(containsString("font-variant-numeric"));
        given().urlEncodingEnabled(false).when().get("/static/..%2F..%2F..%2Fetc%2Fpasswd").then()
                .statusCode(greaterThanOrEqualTo(400)).body(not(containsString("root:")));
        given().urlEncodingEnabled(false).when().get("/models/..%2F..%2Fetc%2Fpasswd").then().statusCode(404)
                .body(not(containsString("root:")));
    }

    /** A complete run Zoo vouches for (digest, fingerprint, recipe), with results on its dataset or beside it. */
    static void uploadComplete(String model, String dataset, int images, String results) {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body("""
                {"model": "%s", "dataset": "%s", "images": %d, "dataFingerprint": "%s",
                 "provenance": {"recipe": "crop 480", "weightsSha256": "%s"}, "results": [%s]}
                """.formatted(model, dataset, images, "ef".repeat(32), "ab".repeat(32), results))
                .when().post("/api/runs").then().statusCode(201);
    }

    /** JSON numbers as doubles, to compare computed differences closely. */
    static final io.restassured.config.RestAssuredConfig DOUBLES = io.restassured.RestAssured.config().jsonConfig(
            io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                    io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));

    static String top(String dataset, double top1, double top5) {
        return """
                {"dataset": "%s", "metric": "Top 1 Accuracy", "value": %s},
                {"dataset": "%s", "metric": "Top 5 Accuracy", "value": %s}""".formatted(dataset, top1, dataset, top5);
    }

    @Test
    void robustnessTableTakesEachSetFromItsReferenceAsTimmDoes() {
        // timm's published numbers for two BiT-M models: ImageNet with A's clean counterpart beside it, A, Sketch
        uploadComplete("resnetv2_152x4_bitm", "ImageNet", 50000, top("ImageNet", 84.936, 97.456) + ","
                + top("ImageNet-A clean", 97.49, 99.62));
        uploadComplete("resnetv2_152x2_bitm", "ImageNet", 50000, top("ImageNet", 84.468, 97.432) + ","
                + top("ImageNet-A clean", 97.02, 99.59));
        uploadComplete("resnetv2_152x4_bitm", "ImageNet-A", 7500, top("ImageNet-A", 59.56, 83.16));
        uploadComplete("resnetv2_152x2_bitm", "ImageNet-A", 7500, top("ImageNet-A", 52.8, 81.133));
        uploadComplete("resnetv2_152x2_bitm", "ImageNet-Sketch", 50889, top("ImageNet-Sketch", 38.006, 61.172));

        given().config(DOUBLES).when().get("/api/robustness?dataset=imagenet-a").then().statusCode(200)
                .body("model", org.hamcrest.Matchers.contains("resnetv2_152x4_bitm", "resnetv2_152x2_bitm"))
                .body("[0].reference", equalTo("ImageNet-A clean"))
                .body("[0].measured.rank", equalTo(1), "[0].measured.of", equalTo(2))
                .body("[0].measured.top1Diff", org.hamcrest.Matchers.closeTo(-37.93, 1e-9))   // timm: -37.930
                .body("[1].measured.top1Diff", org.hamcrest.Matchers.closeTo(-44.22, 1e-9))   // timm: -44.220
                .body("[1].measured.rankDiff", equalTo(0), "[0].images", equalTo(7500));
        // Sketch from clean ImageNet: 152x2 is second of the measured on ImageNet, first (alone) on Sketch
        given().config(DOUBLES).when().get("/api/robustness?dataset=ImageNet-Sketch").then().statusCode(200)
                .body("[0].measured.top1Diff", org.hamcrest.Matchers.closeTo(-46.462, 1e-9))  // timm: -46.462
                .body("[0].measured.rankDiff", equalTo(1), "[0].reference", equalTo("ImageNet"));
        given().when().get("/api/robustness?model=resnetv2_152x4_bitm").then().statusCode(200)
                .body("dataset", org.hamcrest.Matchers.contains("ImageNet", "ImageNet-A clean", "ImageNet-A"))
                .body("[1].images", equalTo(10000), "[1].measured.top1Diff", equalTo(null));
        given().when().get("/api/robustness?dataset=cifar10").then().statusCode(400)
                .body("error", containsString("imagenet-sketch"));

        given().when().get("/api/results.csv?dataset=imagenet-a").then().statusCode(200)
                .header("Content-Disposition", containsString("results-imagenet-a.csv"))
                .body(startsWith("model,top1,top1_err,top5,top5_err,param_count,img_size,crop_pct,interpolation,"
                        + "top1_diff,top5_diff,rank_diff,images,"))
                .body(containsString("\nresnetv2_152x4_bitm,59.560,40.440,83.160,16.840,936.53,480,1.000,bilinear,"
                        + "-37.930,-16.460,0,7500,"));

        given().when().get("/robustness?set=imagenet-a").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("Robustness: ImageNet-A"), containsString("Scored on its 200 classes"),
                        containsString("-37.93"), containsString("1 of 2 (0)"),
                        containsString("/api/results.csv?dataset=imagenet-a"));
        given().when().get("/robustness?set=nope").then().statusCode(400);
        given().when().get("/models/resnetv2_152x2_bitm").then().statusCode(200)
                .body(containsString("<section id=\"robustness\">"), containsString("ImageNet-Sketch"),
                        containsString("-46.46"), containsString("1 of 1 (+1)"));
        // a clean counterpart is measured beside ImageNet, never uploaded as a run of its own
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body("""
                {"model": "resnetv2_152x2_bitm", "dataset": "ImageNet-A clean", "images": 10000,
                 "results": [{"dataset": "ImageNet-A clean", "metric": "Top 1 Accuracy", "value": 97.0}]}
                """).when().post("/api/runs").then().statusCode(400)
                .body("error", containsString("measured beside a run on ImageNet"));
    }
}
