package dev.zoo.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every response gets before any resource runs: a body over the server's limit is answered 413 in the API's
 * JSON form (Quarkus would cut it off with an empty answer), and every response carries headers that stop content
 * sniffing and framing; pages also carry a strict Content-Security-Policy (they load nothing from elsewhere and run
 * only {@code /static/zoo.js}). Quarkus' own tools under {@code /q/} (Swagger UI uses inline scripts) get no CSP.
 */
@ApplicationScoped
public class HttpGuards {

    static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBody;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.response().headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        if (!path.startsWith("/q/")) {
            ctx.response().headers().set("Content-Security-Policy", CSP);
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            int status = 413;
            String message = String.format(Locale.ROOT, "the body is %s bytes; this server accepts at most %,d",
                    length.strip(), maxBody.asLongValue());
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(new io.vertx.core.json.JsonObject().put("status", status).put("error", message).encode());
            return;
        }
        ctx.next();
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBody.asLongValue();
        } catch (NumberFormatException e) {
            return false;   // Vert.x refuses a malformed length itself
        }
    }
}
