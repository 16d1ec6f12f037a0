package dev.zoo.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upload bodies made to break the API, and the headers every answer carries: each bad body is a 400 whose JSON
 * {@code {"status", "error"}} names the field and says why; nothing is a 500, an empty body or an SQL statement.
 */
@QuarkusTest
class ApiHostileTest {

    private static final String AUTH = "Bearer test-token";
    private static final String SHA = "ab".repeat(32);

    /** An upload of 5 ImageNet images of {@code xss_model} with these fields added. */
    private static String run(String fields) {
        return "{\"model\": \"xss_model\", \"dataset\": \"ImageNet\", \"images\": 5" + fields + "}";
    }

    private static final String RESULTS = ", \"results\": [{\"dataset\": \"ImageNet\", \"metric\": \"Top 1 Accuracy\","
            + " \"value\": 70.1}]";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"model\": ", "not valid JSON at line 1, column 11"),
                Arguments.of("empty body", "", "the body is empty"),
                Arguments.of("an array", "[" + run(RESULTS) + "]", "the body must be a JSON object (a run), found a "
                        + "list"),
                Arguments.of("a string", "\"run\"", "found a string"),
                Arguments.of("images a string", run(RESULTS).replace("\"images\": 5", "\"images\": \"x\""),
                        "images: must be a whole number"),
                Arguments.of("images a numeric string", run(RESULTS).replace("\"images\": 5", "\"images\": \"5\""),
                        "images: must be a whole number"),
                Arguments.of("images fractional", run(RESULTS).replace("\"images\": 5", "\"images\": 5.5"),
                        "images: must be a whole number"),
                Arguments.of("results an object", run(", \"results\": {}"), "results: must be a list"),
                Arguments.of("value a string", run(RESULTS.replace("70.1", "\"high\"")), "results[0].value: must be a"
                        + " number"),
                Arguments.of("null result", run(", \"results\": [null]"), "results[0] is null"),
                Arguments.of("value missing", run(RESULTS.replace(", \"value\": 70.1", "")),
                        "results[0] needs a dataset, a metric and a value"),
                Arguments.of("NaN", run(RESULTS.replace("70.1", "NaN")),
                        "(results[0]): Non-standard token 'NaN' (JSON has no NaN or Infinity)"),
                Arguments.of("Infinity", run(RESULTS.replace("70.1", "Infinity")), "not valid JSON at line 1"),
                Arguments.of("NaN as a string", run(RESULTS.replace("70.1", "\"NaN\"")), "results[0].value must be a "
                        + "percentage from 0 to 100, found NaN"),
                Arguments.of("unparsable date", run(RESULTS + ", \"startedAt\": \"yesterday\""), "startedAt: must be"
                        + " an ISO-8601 instant"),
                Arguments.of("finished before started", run(RESULTS + ", \"startedAt\": \"2026-11-26T12:00:00Z\", "
                        + "\"finishedAt\": \"2026-11-26T11:00:00Z\""), "finishedAt (2026-11-26T11:00:00Z) is before"),
                Arguments.of("negative rate", run(RESULTS + ", \"imagesPerSecond\": -3"), "imagesPerSecond must be "
                        + "a positive number"),
                Arguments.of("negative batch", run(RESULTS + ", \"provenance\": {\"batchSize\": -1}"),
                        "provenance.batchSize must be a positive number"),
                Arguments.of("short sha", run(RESULTS + ", \"provenance\": {\"weightsSha256\": \"abc\"}"),
                        "provenance.weightsSha256 must be 64 lower-case hexadecimal digits"),
                Arguments.of("unknown precision", run(RESULTS + ", \"provenance\": {\"precision\": \"fp8\"}"),
                        "provenance.precision: unknown 'fp8' (known: fp32, tf32, bf16, fp16)"),
                Arguments.of("spec not JSON", run(RESULTS + ", \"provenance\": {\"spec\": \"batch 8\"}"),
                        "provenance.spec: not JSON"),
                Arguments.of("spec with a misspelt key", run(RESULTS + ", \"provenance\": {\"spec\": "
                        + "\"{\\\"data\\\": {\\\"folder\\\": \\\"/d\\\"}, \\\"compute\\\": "
                        + "{\\\"batch\\\": 8, \\\"thread\\\": 2}}\"}"),
                        "provenance.spec at compute.thread: unknown key 'thread' (known: batch, cudnnBenchmark, device, "
                                + "precision, threads)"),
                Arguments.of("spec with a negative batch", run(RESULTS + ", \"provenance\": {\"spec\": "
                        + "\"{\\\"data\\\": {\\\"folder\\\": \\\"/d\\\"}, \\\"compute\\\": "
                        + "{\\\"batch\\\": -8}}\"}"),
                        "provenance.spec at compute: batch must be a positive number, or 0 for auto, found -8"),
                Arguments.of("unknown metric", run(RESULTS.replace("Top 1 Accuracy", "Top 3 Accuracy")),
                        "results[0].metric: unknown 'Top 3 Accuracy' (known: Top 1 Accuracy, Top 5 Accuracy)"),
                Arguments.of("unknown field", run(RESULTS + ", \"imagez\": 5"), "imagez: unknown field (known: "),
                Arguments.of("long device", run(RESULTS + ", \"provenance\": {\"device\": \"" + "x".repeat(100_000)
                        + "\"}"), "provenance.device is 100,000 characters long; at most 100"),
                Arguments.of("trailing garbage", run(RESULTS) + " {}", "not valid JSON"),
                Arguments.of("no model", "{\"dataset\": \"ImageNet\", \"images\": 5" + RESULTS + "}",
                        "model: required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAre400sThatNameTheField(String name, String body, String expected) {
        given().contentType(ContentType.JSON).header("Authorization", AUTH).body(body).when().post("/api/runs")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("status", equalTo(400), "error", containsString(expected), "error", not(containsString("SQL")),
                        "error", not(containsString("Exception")));
    }

    @Test
    void theValidBodyOfTheTableIsAccepted() {
        given().contentType(ContentType.JSON).header("Authorization", AUTH)
                .body(run(RESULTS + ", \"provenance\": {\"weightsSha256\": \"" + SHA + "\", \"batchSize\": 8, "
                        + "\"precision\": \"fp16\", \"tf32\": \"conv\", \"gpu\": \"gpu:0 NVIDIA H100 80GB HBM3\"}"))
                .when().post("/api/runs").then().statusCode(201).body("scope.scored", equalTo(5),
                        "provenance.precision", equalTo("fp16"), "provenance.gpu", containsString("H100"));
    }

    @Test
    void aBodyOverTheLimitIsA413InJson() {
        String big = run(RESULTS + ", \"dataPath\": \"" + "x".repeat(2 * 1024 * 1024) + "\"");
        given().contentType(ContentType.JSON).header("Authorization", AUTH).body(big).when().post("/api/runs")
                .then().statusCode(413).contentType(ContentType.JSON).body("status", equalTo(413),
                        "error", containsString("this server accepts at most 1,048,576"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        // 50 MB announced, not one byte of it sent: only a server that goes by Content-Length can answer
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /api/runs HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + AUTH
                    + "\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            org.assertj.core.api.Assertions.assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndPagesAStrictPolicy() {
        given().when().get("/").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().when().get("/api/models").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().when().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", nullValue());
    }
}
