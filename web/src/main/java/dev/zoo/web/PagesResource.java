package dev.zoo.web;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import dev.zoo.results.ResultRow;
import dev.zoo.results.RunAnalysis;
import dev.zoo.web.view.AnalysisView;
import dev.zoo.web.view.ChartView;
import dev.zoo.web.view.CompareView;
import dev.zoo.web.view.Display;
import dev.zoo.web.view.IndexView;
import dev.zoo.web.view.ModelView;
import dev.zoo.web.view.RobustnessPage;
import dev.zoo.web.view.RunView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The browsable pages: results table, model cards, run pages and the chart, rendered on the server from Qute templates
 * ({@code templates/PagesResource/*.html}), which escape every value.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class PagesResource {

    @Inject
    ZooQueries queries;

    @CheckedTemplate(requireTypeSafeExpressions = true)
    static class Templates {
        static native TemplateInstance index(IndexView view);

        static native TemplateInstance model(ModelView view);

        static native TemplateInstance run(RunView view);

        static native TemplateInstance compare(CompareView view);

        static native TemplateInstance chart(List<ChartView> charts);

        static native TemplateInstance robustness(RobustnessPage page);

        static native TemplateInstance error(int status, String title, String message);
    }

    /** The rendered results page of one snapshot of the table and one query. */
    private record RenderedIndex(ZooQueries.Snapshot snapshot, IndexView.Query query, String html) {
    }

    private volatile RenderedIndex renderedIndex;

    /**
     * One dataset's leaderboard, filtered, sorted and paged as the address says; an unknown dataset is a 400 that
     * lists the ones there are.
     */
    @GET
    public String index(@QueryParam("dataset") String dataset, @QueryParam("q") String q,
                        @QueryParam("collection") String collection, @QueryParam("sort") String sort,
                        @QueryParam("dir") String dir, @QueryParam("page") String page) {
        IndexView.Query query = new IndexView.Query(dataset, q, collection, sort, "asc".equals(dir), pageNumber(page));
        ZooQueries.Snapshot snap = queries.snapshot();
        RenderedIndex r = renderedIndex;
        if (r == null || r.snapshot() != snap || !r.query().equals(query)) {
            List<String> collections = snap.catalog().collections().stream().map(snap.catalog()::collectionLabel)
                    .distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
            IndexView view = IndexView.of(collections, snap.rows(), query, snap.catalog().models().size())
                    .orElseThrow(() -> ApiException.badRequest("no results on a dataset '" + dataset + "' (there are: "
                            + String.join(", ", snap.rows().stream().map(ResultRow::dataset).distinct().toList())
                            + ")"));
            r = new RenderedIndex(snap, query, Templates.index(view).render());
            renderedIndex = r;
        }
        return r.html();
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("page must be a number, found '" + page + "'");
        }
    }

    @GET
    @Path("models/{id}")
    public TemplateInstance model(@PathParam("id") String id) {
        Model m = queries.model(id);
        return Templates.model(ModelView.of(m, queries.catalog().collectionLabel(m), queries.weights(m),
                queries.rows(null, null, m.id()), queries.snapshot().robustness().model(m.id()),
                queries.runsOf(m.id())));
    }

    /** timm's robustness table for the zoo, a set at a time; an unknown set is a 400 that lists the sets. */
    @GET
    @Path("robustness")
    public TemplateInstance robustness(@QueryParam("set") String set) {
        String name = set == null || set.isBlank() ? null : set;
        return Templates.robustness(RobustnessPage.of(queries.snapshot().robustness(),
                name == null ? null : queries.robustnessSet(name)));
    }

    @GET
    @Path("runs/{id}")
    public TemplateInstance run(@PathParam("id") String id) {
        dev.zoo.results.Run r = queries.run(id);
        AnalysisView analysis = AnalysisView.of(RunAnalysis.of(queries.predictions(r), 20));
        return Templates.run(RunView.of(r, r.shard() == null ? List.of() : queries.evaluation(r.shard().evaluation()),
                analysis, queries.changesOf(r.id())));
    }

    /** Two runs on the same images, image by image. */
    @GET
    @Path("compare")
    public TemplateInstance compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        if (a == null || b == null || a.isBlank() || b.isBlank()) {
            throw ApiException.badRequest("name the two runs: /compare?a=RUN&b=RUN");
        }
        return Templates.compare(CompareView.of(queries.diff(a.strip(), b.strip(), 100)));
    }

    @GET
    @Path("chart")
    public TemplateInstance chart() {
        String imagenet = KnownDataset.IMAGENET.label();
        List<ChartView.Datum> bySize = new ArrayList<>();
        List<int[]> joined = new ArrayList<>();
        List<ChartView.Datum> bySpeed = new ArrayList<>();
        for (ResultRow r : queries.snapshot().rows()) {
            if (!r.dataset().equals(imagenet)) {
                continue;
            }
            String href = Display.path("models", r.model());
            if (r.parameters() != null && r.parameters() > 0) {
                int claimed = -1;
                if (r.claimedTop1() != null) {
                    claimed = bySize.size();
                    bySize.add(new ChartView.Datum(r.model(), r.parameters(), r.claimedTop1(), "claimed", href,
                            String.format(Locale.ROOT, "%s: %.2f%% top-1 claimed, %s parameters", r.model(),
                                    r.claimedTop1(), Display.params(r.parameters())), r.measuredTop1() == null));
                }
                if (r.measuredTop1() != null) {
                    if (claimed >= 0) {
                        joined.add(new int[]{claimed, bySize.size()});
                    }
                    bySize.add(new ChartView.Datum(r.model(), r.parameters(), r.measuredTop1(), "measured", href,
                            String.format(Locale.ROOT, "%s: %.2f%% top-1 measured (run #%d)%s, %s parameters",
                                    r.model(), r.measuredTop1(), r.runId(), r.measuredTop1Interval() == null ? ""
                                            : ", 95 % interval " + r.measuredTop1Interval().range(),
                                    Display.params(r.parameters())), true, r.measuredTop1Interval()));
                }
            }
            if (r.measuredTop1() != null && r.imagesPerSecond() != null && r.imagesPerSecond() > 0) {
                String kind = deviceKind(r.device());
                bySpeed.add(new ChartView.Datum(r.model(), r.imagesPerSecond(), r.measuredTop1(), kind, href,
                        String.format(Locale.ROOT, "%s: %.2f%% top-1 at %.1f images/s on %s", r.model(),
                                r.measuredTop1(), r.imagesPerSecond(), r.device()), true));
            }
        }
        List<ChartView.Legend> speedLegend = bySpeed.stream().map(ChartView.Datum::series).distinct().sorted()
                .map(k -> new ChartView.Legend(k, k.toUpperCase(Locale.ROOT))).toList();
        return Templates.chart(List.of(
                ChartView.of("chart-params", "Top-1 against parameters", "parameters (log scale)", bySize, joined,
                        List.of(new ChartView.Legend("measured", "measured (complete runs)"),
                                new ChartView.Legend("claimed", "claimed"))),
                ChartView.of("chart-speed", "Top-1 against measured throughput", "images/s (log scale)", bySpeed,
                        List.of(), speedLegend)));
    }

    /** "gpu" for CUDA devices, "cpu" for the CPU, else the device as recorded. */
    static String deviceKind(String device) {
        if (device == null) {
            return "unknown";
        }
        String d = device.toLowerCase(Locale.ROOT);
        return d.startsWith("gpu") || d.startsWith("cuda") ? "gpu" : d.startsWith("cpu") ? "cpu" : "other";
    }

    /** The error page (used by {@link ErrorMappers} outside {@code /api}). */
    static String errorPage(int status, String message) {
        return Templates.error(status, status == 404 ? "Not found" : "Error " + status, message).render();
    }
}
