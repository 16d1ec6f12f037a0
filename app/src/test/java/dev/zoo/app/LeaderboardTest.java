package dev.zoo.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The field's catalogues on the web: one leaderboard per dataset, models without claims ranked nowhere, free-text IDs,
 * models Zoo cannot evaluate, and collections of the same name in two catalogues told apart.
 */
@QuarkusTest
class LeaderboardTest {

    @Test
    void oneLeaderboardPerDatasetImageNetFirst() {
        given().when().get("/").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<h1>Results on ImageNet</h1>"),
                        containsString("<option value=\"CIFAR-10\">CIFAR-10 (1)</option>"),
                        containsString("resnetv2_50x1_bitm"), containsString("second_catalogue_net"),
                        not(containsString("Inception v3 - 90 epochs")), not(containsString("unreleased_net")),
                        containsString("claim no result and were never measured"));
        given().when().get("/?dataset=cifar-10").then().statusCode(200)
                .body(containsString("<h1>Results on CIFAR-10</h1>"), containsString("Inception v3 - 90 epochs"),
                        not(containsString("resnetv2_50x1_bitm")));
        given().when().get("/?dataset=Nowhere").then().statusCode(400).contentType(ContentType.HTML)
                .body(containsString("no results on a dataset &#39;Nowhere&#39;"));
        given().when().get("/api/results?dataset=Nowhere").then().statusCode(400)
                .body("error", containsString("no dataset 'Nowhere'"));
        given().when().get("/api/results?dataset=CIFAR-10").then().statusCode(200)
                .body("model", equalTo(List.of("Inception v3 - 90 epochs")));
        given().when().get("/api/results?model=unreleased_net").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void collectionsOfOneNameInTwoCataloguesAreToldApart() {
        given().when().get("/api/models").then().statusCode(200)
                .body("find { it.id == 'second_catalogue_net' }.collection",
                        equalTo("Shared (web-test-catalog-2.md)"))
                .body("find { it.id == 'unreleased_net' }.collection", equalTo("Shared (web-test-catalog.yml)"))
                .body("find { it.id == 'resnetv2_50x1_bitm' }.catalogue", equalTo("built-in"));
        given().when().get("/?collection=Shared (web-test-catalog-2.md)").then().statusCode(200)
                .body(containsString("<option value=\"Shared (web-test-catalog-2.md)\" selected>"));
        given().when().get("/api/results?collection=Shared (web-test-catalog-2.md)").then().statusCode(200)
                .body("model", equalTo(List.of("second_catalogue_net")));
    }

    @Test
    void freeTextIdsAndModelsZooCannotEvaluate() {
        given().when().get("/api/models/{id}", "Inception v3 - 90 epochs").then().statusCode(200)
                .body("model.name", equalTo("Inception v3 - 90 epochs"),
                        "notEvaluable", containsString("it is no timm model name, and a PyTorch checkpoint holds "
                                + "weights without their network"));
        given().when().get("/models/{id}", "Inception v3 - 90 epochs").then().statusCode(200)
                .body(containsString("Zoo cannot evaluate this model: Zoo does not know the network of"),
                        containsString("zoo pull &#39;Inception v3 - 90 epochs&#39;"),
                        not(containsString("zoo eval &#39;Inception")));
        given().when().get("/api/models/unreleased_net").then().statusCode(200)
                .body("notEvaluable", equalTo("no weights published"), "model.weights", nullValue());
        given().when().get("/models/unreleased_net").then().statusCode(200)
                .body(containsString("Zoo cannot evaluate this model: no weights published"),
                        not(containsString("zoo pull unreleased_net")));
        given().when().get("/api/models").then().statusCode(200)
                .body("find { it.id == 'resnetv2_50x1_bitm' }.notEvaluable", nullValue())
                .body("id", hasItem("Inception v3 - 90 epochs"));
    }

    @Test
    void defaultsAreMarkedOnTheCard() {
        given().when().get("/models/second_catalogue_net").then().statusCode(200)
                .body(containsString("224 × 224 px (default, not from the card)"),
                        containsString("reproduce the claims on the whole ImageNet-1k validation set"));
        given().when().get("/models/resnetv2_50x1_bitm").then().statusCode(200)
                .body(containsString("480 × 480 px</dd>"), not(containsString("480 × 480 px (default")),
                        // the network's cost in units, beside the catalogue's FLOPs, which say what they are
                        containsString("input 3 x 480 x 480: 18.77 GMACs (multiply-adds; 37.54 GFLOPs)"),
                        containsString("5,330,896 (as catalogued; the network&#39;s multiply-adds are under "
                                + "Network)"));
    }
}
