package dev.zoo.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a configured token the server refuses every upload. */
@QuarkusTest
@TestProfile(ReadOnlyServerTest.NoToken.class)
class ReadOnlyServerTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zoo.api.token", "");
        }
    }

    @Test
    void uploadsAreRefused() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-token").body(ApiTest.RUN).when()
                .post("/api/runs").then().statusCode(403).body("error", containsString("read-only"));
    }
}
