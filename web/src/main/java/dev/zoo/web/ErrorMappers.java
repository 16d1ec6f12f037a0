package dev.zoo.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Errors as JSON under {@code /api} ({@code {"status": 404, "error": "..."}}), as a readable page elsewhere. */
public final class ErrorMappers {

    private ErrorMappers() {
    }

    static Response render(UriInfo uri, int status, String message) {
        String path = uri == null ? "" : uri.getPath();
        if (path.startsWith("/api") || path.startsWith("api")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", message);
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(PagesResource.errorPage(status, message)).build();
    }

    @Provider
    public static final class Api implements ExceptionMapper<ApiException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ApiException e) {
            return render(uri, e.status(), e.getMessage());
        }
    }

    @Provider
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String message = status == 404 ? "no such resource: /" + (uri == null ? ""
                    : uri.getPath().replaceFirst("^/+", ""))
                    : status == 405 ? "method not allowed" : e.getMessage();
            return render(uri, status, message);
        }
    }
}
