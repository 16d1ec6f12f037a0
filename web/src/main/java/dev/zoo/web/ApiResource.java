package dev.zoo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.core.DatabaseException;
import dev.zoo.metadata.ModelArchitecture;
import dev.zoo.registry.WeightsStatus;
import dev.zoo.core.ZooException;
import dev.zoo.results.Origin;
import dev.zoo.results.RunChanges;
import dev.zoo.results.Provenance;
import dev.zoo.results.ResultRow;
import dev.zoo.results.ResultsExport;
import dev.zoo.results.Interval;
import dev.zoo.results.Robustness;
import dev.zoo.results.ResultsTable;
import dev.zoo.results.Prediction;
import dev.zoo.results.Run;
import dev.zoo.results.RunDiff;
import dev.zoo.results.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API: models, runs and results as JSON, results as timm's CSV, and run uploads from CI. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Zoo")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The server's ZOO_API_TOKEN")
public class ApiResource {

    @Inject
    ZooQueries queries;

    @Inject
    ZooBackend backend;

    @Inject
    ObjectMapper mapper;

    /**
     * A model in {@code /api/models}. {@code collection} is the label of its collection (with its catalogue where two
     * catalogues share the name); {@code notEvaluable} says why Zoo cannot evaluate it, known from the card (no
     * weights published, a PyTorch checkpoint), or is null.
     */
    public record ModelSummary(String id, String name, String collection, String catalogue, Long parameters,
                               Integer imageSize, Double cropPct, String interpolation, Double claimedTop1,
                               Double claimedTop5, String weights, String notEvaluable, boolean cached) {
    }

    /**
     * {@code /api/models/{id}}: everything the catalogue knows, the network Zoo builds (its family, configuration and
     * exact size) and the weights.
     */
    public record ModelCard(Model model, String collection, String notEvaluable, NetworkView network,
                            Long networkParameters, WeightsStatus weights, List<ResultRow> results) {
    }

    /**
     * The network Zoo builds for a model: timm's class and file when the table names it, the family Zoo builds it
     * with, the configuration in words, its classes and exact parameter count.
     */
    public record NetworkView(String family, String title, String timmClass, String code, String description,
                              int classes, long parameters) {
        static NetworkView of(Model m) {
            var resolved = ModelArchitecture.of(m);
            return m.architecture().map(a -> new NetworkView(a.family(), a.title(), resolved.timm() == null ? null
                    : resolved.timm().className(), resolved.timm() == null ? null : resolved.timm().code(),
                    a.describe(), a.classes(), a.parameterCount())).orElse(null);
        }
    }

    @GET
    @Path("/models")
    @Operation(summary = "Every model of the catalogue, with its claimed ImageNet results")
    public List<ModelSummary> models() {
        String imagenet = KnownDataset.IMAGENET.label();
        Catalog catalog = queries.catalog();
        return catalog.models().stream().map(m -> new ModelSummary(m.id(), m.name(), catalog.collectionLabel(m),
                Catalog.shortName(m.origin()), m.metadata().parameters(), m.metadata().imageSize(),
                m.metadata().cropPct(), m.metadata().interpolation(), ResultsTable.claimed(m, imagenet, Metric.TOP1),
                ResultsTable.claimed(m, imagenet, Metric.TOP5), m.weights(), m.notEvaluable().orElse(null),
                queries.cached(m))).toList();
    }

    @GET
    @Path("/models/{id}")
    @Operation(summary = "A model's card: metadata, architecture, weights status, claimed and measured results")
    public ModelCard model(@PathParam("id") String id) {
        Model m = queries.model(id);
        return new ModelCard(m, queries.catalog().collectionLabel(m), m.notEvaluable().orElse(null),
                NetworkView.of(m), m.architecture().map(a -> a.parameterCount()).orElse(null), queries.weights(m),
                queries.rows(null, null, m.id()));
    }

    @GET
    @Path("/models/{id}/runs")
    @Operation(summary = "A model's runs, newest first, each with its scope")
    public List<Run> modelRuns(@PathParam("id") String id) {
        return queries.runsOf(queries.model(id).id());
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One run: scope, provenance and metrics")
    public Run run(@PathParam("id") String id) {
        return queries.run(id);
    }

    /** A page of a run's predictions. */
    public record PredictionPage(long run, int total, int offset, int limit, List<Prediction> items) {
    }

    @GET
    @Path("/runs/{id}/predictions")
    @Operation(summary = "A run's per-image predictions (label, top-5, logits, top-1 confidence), in image order, "
            + "paged; wrong=true keeps the images whose top-1 is wrong")
    public PredictionPage predictions(@PathParam("id") String id, @QueryParam("offset") Integer offset,
                                      @QueryParam("limit") Integer limit, @QueryParam("wrong") boolean wrong) {
        Run r = queries.run(id);
        int from = offset == null ? 0 : offset;
        int size = limit == null ? 100 : limit;
        if (from < 0 || size < 1 || size > 1000) {
            throw ApiException.badRequest("offset must be 0 or more and limit 1 to 1000");
        }
        List<Prediction> all = queries.predictions(r).stream().filter(p -> !wrong || !p.top1Correct()).toList();
        return new PredictionPage(r.id(), all.size(), from, size,
                all.subList(Math.min(from, all.size()), Math.min(all.size(), from + size)));
    }

    @GET
    @Path("/compare")
    @Operation(summary = "Two runs on the same images compared image by image: 2x2 tables for top-1 and top-5, B minus "
            + "A with its paired 95% interval, McNemar's exact p-value and the flipped images, worst first")
    public RunDiff compare(@QueryParam("a") String a, @QueryParam("b") String b, @QueryParam("flips") Integer flips) {
        if (a == null || b == null) {
            throw ApiException.badRequest("name the two runs: /api/compare?a=RUN&b=RUN");
        }
        int n = flips == null ? 50 : flips;
        if (n < 0 || n > 10_000) {
            throw ApiException.badRequest("flips must be 0 to 10000");
        }
        return queries.diff(a, b, n);
    }

    @GET
    @Path("/results")
    @Operation(summary = "The results table: claimed beside the latest complete measurement, per model and dataset; "
            + "a newer partial or other-data run is 'other', with its scope")
    public List<ResultRow> results(@QueryParam("collection") String collection, @QueryParam("dataset") String dataset,
                                   @QueryParam("model") String model) {
        return queries.rows(blank(collection), blank(dataset), blank(model));
    }

    /**
     * One model on one set of the robustness table: claimed and measured, each with its rank among the zoo's models of
     * its kind and its difference from the set's reference; the complete run measured comes from, its images and
     * intervals.
     */
    public record RobustnessEntry(String model, String dataset, String reference, Robustness.Standing claimed,
                                  Robustness.Standing measured, Long runId, Integer images, Interval top1Interval,
                                  Interval top5Interval) {
        static RobustnessEntry of(Robustness.Row r) {
            ResultRow src = r.source();
            return new RobustnessEntry(r.model(), r.set().label(), r.set().reference() == null ? null
                    : r.set().reference().label(), r.claimed(), r.measured(), src.runId(), src.measuredImages(),
                    src.measuredTop1Interval(), src.measuredTop5Interval());
        }
    }

    @GET
    @Path("/robustness")
    @Operation(summary = "timm's robustness table for the zoo: per set (dataset=, e.g. imagenet-sketch) or model "
            + "(model=), top-1/top-5 claimed and measured, the difference from the set's reference (clean ImageNet; "
            + "the clean 200-class counterpart for A and R) and the change of rank")
    public List<RobustnessEntry> robustness(@QueryParam("dataset") String dataset, @QueryParam("model") String model) {
        Robustness table = queries.snapshot().robustness();
        if (blank(model) != null) {
            queries.model(model);   // 404 for an unknown model
        }
        List<Robustness.Row> rows = blank(dataset) != null ? table.set(queries.robustnessSet(dataset))
                : blank(model) != null ? table.model(model)
                : KnownDataset.ROBUSTNESS.stream().flatMap(d -> table.set(d).stream()).toList();
        return rows.stream().filter(r -> blank(model) == null || r.model().equals(model)).map(RobustnessEntry::of)
                .toList();
    }

    @GET
    @Path("/results.csv")
    @Produces("text/csv")
    @Operation(summary = "Complete measurements on one set (ImageNet unless dataset= names another: imagenet-sketch, "
            + "imagenet-a, ...) in timm's results CSV format, with timm's differences from the set's reference")
    public Response resultsCsv(@QueryParam("collection") String collection, @QueryParam("dataset") String dataset) {
        KnownDataset set = queries.robustnessSet(blank(dataset));
        return Response.ok(ResultsExport.timmCsv(queries.exportable(blank(collection)), set), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + set.timmFile() + "\"").build();
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a run measured elsewhere (needs the server's bearer token, ZOO_API_TOKEN)")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "201", description = "Stored; Location names the new run")
    @APIResponse(responseCode = "400", description = "The run is malformed or its scope does not add up")
    @APIResponse(responseCode = "401", description = "No valid 'Authorization: Bearer TOKEN' header")
    @APIResponse(responseCode = "403", description = "The server is read-only (no ZOO_API_TOKEN)")
    @APIResponse(responseCode = "413", description = "The body is larger than the server accepts (1 MB)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunUpload.class)))
    public Response upload(@HeaderParam("Authorization") String authorization, String body) {
        authorize(authorization);
        RunUploadReader reader = new RunUploadReader(mapper);
        RunUpload upload = reader.parse(body);
        Model m = queries.catalog().find(upload.model() == null ? "" : upload.model())
                .orElseThrow(() -> ApiException.badRequest("model: " + (upload.model() == null ? "required"
                        : "'" + upload.model() + "' is not in this server's catalogue")));
        Scope scope = reader.scope(upload);
        List<Run.Measurement> results = reader.check(upload, scope);
        Provenance given = Optional.ofNullable(upload.provenance()).orElse(Provenance.NONE);
        // without the weights digest, the data fingerprint and the recipe, nobody can reproduce it: reported only
        Provenance p = given.with(Map.of("origin", Origin.ofUpload(given.weightsSha256(), upload.dataFingerprint(),
                given.recipe()).label()));
        Run run = new Run(null, m.id(), Run.Status.COMPLETED, scope, p, null, upload.imagesPerSecond(), null,
                upload.startedAt(), upload.finishedAt(), null, null, results);
        try {
            long id = queries.runs().insertCompleted(run);
            return Response.created(URI.create("/api/runs/" + id)).entity(queries.run(Long.toString(id))).build();
        } catch (DatabaseException e) {
            throw ZooQueries.unavailable(e);
        }
    }

    /** A change to a run: removed, or marked reported; each kept with its reason. */
    public record ChangeRequest(String reason) {
    }

    @DELETE
    @Path("/runs/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove a run with its results and predictions (needs the bearer token); the removal is kept "
            + "with its reason, and the run's address answers 410 Gone with it")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "200", description = "Removed; the body is the change as the audit keeps it")
    @APIResponse(responseCode = "400", description = "No reason, a running run, or a shard of a merged evaluation")
    @APIResponse(responseCode = "401", description = "No valid 'Authorization: Bearer TOKEN' header")
    public RunChanges.Change remove(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
                                    String body) {
        authorize(authorization);
        long runId = queries.run(id).id();
        return change(() -> queries.changes().remove(runId, reason(body), "api"));
    }

    @POST
    @Path("/runs/{id}/reported")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a run reported, not reproduced (needs the bearer token): its numbers leave the measured "
            + "columns, exports, baselines and the gate; the change is kept with its reason")
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "200", description = "Relabelled; the body is the change as the audit keeps it")
    @APIResponse(responseCode = "400", description = "No reason, or the run is reported already")
    @APIResponse(responseCode = "401", description = "No valid 'Authorization: Bearer TOKEN' header")
    public RunChanges.Change markReported(@HeaderParam("Authorization") String authorization,
                                          @PathParam("id") String id, String body) {
        authorize(authorization);
        long runId = queries.run(id).id();
        return change(() -> queries.changes().markReported(runId, reason(body), "api"));
    }

    @GET
    @Path("/runs/{id}/changes")
    @Operation(summary = "A run's removals and relabellings, oldest first (answered for removed runs too)")
    public List<RunChanges.Change> changes(@PathParam("id") String id) {
        try {
            return queries.changesOf(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("run IDs are numbers, found '" + id + "'");
        }
    }

    private String reason(String body) {
        ChangeRequest request = new RunUploadReader(mapper).read(body, ChangeRequest.class,
                "{\"reason\": \"why\"}");
        return request == null ? null : request.reason();
    }

    private static RunChanges.Change change(java.util.function.Supplier<RunChanges.Change> change) {
        try {
            return change.get();
        } catch (DatabaseException e) {
            throw ZooQueries.unavailable(e);
        } catch (ZooException e) {
            if (e.kind() == ZooException.Kind.USAGE) {
                throw ApiException.badRequest(e.getMessage());
            }
            throw e;
        }
    }

    /** The server's bearer token: 403 on a read-only server, 401 without the right header. */
    private void authorize(String authorization) {
        String token = backend.apiToken().orElseThrow(() -> new ApiException(403, "this server is read-only: "
                + "start it with ZOO_API_TOKEN set to accept changes"));
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "a valid 'Authorization: Bearer TOKEN' header is required");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
