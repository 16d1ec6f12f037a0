package dev.zoo.web;

import dev.zoo.results.ResultsExport;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.NetworkSpec;
import dev.zoo.registry.Artifact;
import dev.zoo.registry.ArtifactRepository;
import dev.zoo.registry.DatabaseException;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API: models, runs and results as JSON, results as timm's CSV, and run uploads from CI. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Zoo")
public class ApiResource {

    @Inject
    ZooBackend backend;

    @Inject
    ResultsService results;

    /** A model in {@code /api/models}. */
    public record ModelSummary(String id, String name, String collection, Long parameters, Integer imageSize,
                               Double cropPct, String interpolation, Double claimedTop1, Double claimedTop5,
                               String weights, boolean cached) {
    }

    /** The weights of a model: catalogue URL and pin, and what the cache holds. */
    public record WeightsStatus(String url, Long fileSize, String catalogSha256, boolean cached, String sha256,
                                String pinSource, Instant downloadedAt, Instant verifiedAt) {
    }

    /** {@code /api/models/{id}}: everything the catalogue knows, the architecture's exact size and the weights. */
    public record ModelCard(Model model, NetworkSpec network, Long networkParameters, WeightsStatus weights,
                            List<ResultRow> results) {
    }

    /** A run uploaded by a CI job on another machine. */
    public record RunUpload(String model, String dataset, String split, String dataPath, String dataFingerprint,
                            String subset, Integer images, String recipe, String device, Integer batchSize,
                            Integer threads, String weightsSha256, String zooVersion, String djlVersion,
                            String torchVersion, String host, Double imagesPerSecond, Instant startedAt,
                            Instant finishedAt, List<Run.Measurement> results) {
    }

    @GET
    @Path("/models")
    @Operation(summary = "Every model of the catalogue, with its claimed ImageNet results")
    public List<ModelSummary> models() {
        return backend.catalog().models().stream().map(this::summary).toList();
    }

    private ModelSummary summary(Model m) {
        return new ModelSummary(m.id(), m.name(), m.collection(), m.metadata().parameters(), m.metadata().imageSize(),
                m.metadata().cropPct(), m.metadata().interpolation(),
                m.claimed("ImageNet", Metric.TOP1).map(x -> x.value()).orElse(null),
                m.claimed("ImageNet", Metric.TOP5).map(x -> x.value()).orElse(null), m.weights(),
                backend.registry().isCached(m));
    }

    @GET
    @Path("/models/{id}")
    @Operation(summary = "A model's card: metadata, architecture, weights status, claimed and measured results")
    public ModelCard model(@PathParam("id") String id) {
        Model m = find(id);
        return new ModelCard(m, m.networkSpec().orElse(null),
                m.networkSpec().map(NetworkSpec::parameterCount).orElse(null), weights(m),
                results.rows(null, null, m.id()));
    }

    WeightsStatus weights(Model m) {
        Artifact a = null;
        try {
            a = new ArtifactRepository(backend.database()).find(m.id()).orElse(null);
        } catch (DatabaseException e) {
            throw new ApiException(503, e.getMessage());
        }
        boolean cached = backend.registry().isCached(m);
        return new WeightsStatus(m.weights(), m.metadata().fileSize(), m.sha256(), cached,
                a == null ? null : a.sha256(), a == null ? null : a.pinSource().label(),
                a == null ? null : a.downloadedAt(), a == null ? null : a.verifiedAt());
    }

    @GET
    @Path("/models/{id}/runs")
    @Operation(summary = "A model's runs, newest first")
    public List<Run> modelRuns(@PathParam("id") String id) {
        return runsOf(find(id).id());
    }

    List<Run> runsOf(String modelId) {
        try {
            return new RunRepository(backend.database()).forModel(modelId);
        } catch (DatabaseException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One run: provenance and metrics")
    public Run run(@PathParam("id") String id) {
        return findRun(id);
    }

    Run findRun(String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("run IDs are numbers, found '" + id + "'");
        }
        try {
            return new RunRepository(backend.database()).find(runId)
                    .orElseThrow(() -> ApiException.notFound("no run " + runId));
        } catch (DatabaseException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    @GET
    @Path("/results")
    @Operation(summary = "The results table: claimed beside latest measured, per model and dataset")
    public List<ResultRow> results(@QueryParam("collection") String collection, @QueryParam("dataset") String dataset,
                                   @QueryParam("model") String model) {
        return results.rows(blank(collection), blank(dataset), blank(model));
    }

    @GET
    @Path("/results.csv")
    @Produces("text/csv")
    @Operation(summary = "Latest measured ImageNet results in timm's results CSV format")
    public Response resultsCsv(@QueryParam("collection") String collection) {
        String c = blank(collection);
        if (c != null && backend.catalog().collection(c).isEmpty()) {
            throw ApiException.badRequest("no collection '" + c + "'");
        }
        Map<String, Run> latest = results.snapshot().latest();
        List<ResultsExport.Measured> rows = new ArrayList<>();
        for (Model m : backend.catalog().models()) {
            if ((c == null || c.equals(m.collection())) && latest.containsKey(m.id())) {
                rows.add(new ResultsExport.Measured(m, latest.get(m.id())));
            }
        }
        return Response.ok(ResultsExport.timmCsv(rows), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"results-imagenet.csv\"").build();
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a run measured elsewhere (needs the server's bearer token, ZOO_API_TOKEN)")
    public Response upload(@HeaderParam("Authorization") String authorization, RunUpload upload) {
        String token = backend.apiToken().orElseThrow(() -> new ApiException(403, "this server is read-only: "
                + "start it with ZOO_API_TOKEN set to accept uploads"));
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "a valid 'Authorization: Bearer TOKEN' header is required");
        }
        if (upload == null) {
            throw ApiException.badRequest("the body must be a JSON run");
        }
        Model m = backend.catalog().find(upload.model() == null ? "" : upload.model())
                .orElseThrow(() -> ApiException.badRequest("model '" + upload.model() + "' is not in this server's "
                        + "catalogue"));
        if (upload.results() == null || upload.results().isEmpty()) {
            throw ApiException.badRequest("results must list at least one {dataset, metric, value}");
        }
        for (Run.Measurement r : upload.results()) {
            if (r.dataset() == null || r.metric() == null || !(r.value() >= 0 && r.value() <= 100)) {
                throw ApiException.badRequest("every result needs a dataset, a metric and a value in [0, 100]");
            }
        }
        if (upload.images() != null && upload.images() <= 0) {
            throw ApiException.badRequest("images must be positive");
        }
        Run run = new Run(null, m.id(), Run.Status.COMPLETED, upload.dataset() == null ? "ImageNet" : upload.dataset(),
                upload.split() == null ? "validation" : upload.split(), upload.dataPath(), upload.dataFingerprint(),
                upload.subset(), upload.images(), upload.recipe(), upload.device(), upload.batchSize(),
                upload.threads(), upload.weightsSha256(), upload.zooVersion(), upload.djlVersion(),
                upload.torchVersion(), upload.host(), upload.imagesPerSecond(), upload.startedAt(), upload.finishedAt(),
                null, upload.results());
        try {
            long id = new RunRepository(backend.database()).insertCompleted(run);
            return Response.created(URI.create("/api/runs/" + id)).entity(findRun(Long.toString(id))).build();
        } catch (DatabaseException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    Model find(String id) {
        return backend.catalog().find(id).orElseThrow(() -> ApiException.notFound("no model '" + id + "'; known: "
                + String.join(", ", backend.catalog().nearestIds(id, 3)) + ", ..."));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

}
