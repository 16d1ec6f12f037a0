package dev.zoo.web;

import dev.zoo.metadata.Collection;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.ModelMetadata;
import dev.zoo.results.Run;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The browsable pages: results table, model cards, run pages and the chart, rendered on the server. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class PagesResource {

    @Inject
    ZooBackend backend;

    @Inject
    ResultsService results;

    @Inject
    ApiResource api;

    /** The rendered results page of one snapshot of the table. */
    private record RenderedIndex(ResultsService.Snapshot snapshot, String html) {
    }

    private volatile RenderedIndex renderedIndex;

    @GET
    public String index() {
        ResultsService.Snapshot snap = results.snapshot();
        RenderedIndex r = renderedIndex;
        if (r == null || r.snapshot() != snap) {
            r = new RenderedIndex(snap, renderIndex(snap.rows()));
            renderedIndex = r;
        }
        return r.html();
    }

    private String renderIndex(List<ResultRow> rows) {
        StringBuilder sb = new StringBuilder("<h1>Results</h1><p class=\"lead\">Claimed ImageNet accuracy beside the "
                + "latest measured, per model and dataset. Differences beyond " + ResultsService.TOLERANCE
                + " points are highlighted. Click a column to sort.</p>");
        sb.append("<div class=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by name, "
                + "dataset…\" aria-label=\"Filter\"><select id=\"collection\" aria-label=\"Collection\">"
                + "<option value=\"\">All collections</option>");
        for (Collection c : backend.catalog().collections()) {
            sb.append("<option value=\"").append(Html.esc(c.name())).append("\">").append(Html.esc(c.name()))
                    .append("</option>");
        }
        sb.append("</select><span id=\"count\" class=\"muted\"></span></div>");
        sb.append("<div class=\"table-wrap\"><table id=\"results\" class=\"data sortable\"><thead><tr>");
        String[][] heads = {{"Model", "text"}, {"Collection", "text"}, {"Dataset", "text"}, {"Claimed top-1", "num"},
                {"Claimed top-5", "num"}, {"Measured top-1", "num"}, {"Measured top-5", "num"}, {"Δ top-1", "num"},
                {"Params", "num"}, {"Image", "num"}, {"img/s", "num"}, {"Last run", "text"}};
        for (String[] h : heads) {
            sb.append("<th scope=\"col\" data-type=\"").append(h[1]).append("\"")
                    .append(h[1].equals("num") ? " class=\"num\"" : "").append("><button type=\"button\">")
                    .append(Html.esc(h[0])).append("</button></th>");
        }
        sb.append("</tr></thead><tbody>");
        for (ResultRow r : rows) {
            String search = (r.model() + " " + r.name() + " " + (r.collection() == null ? "" : r.collection()) + " "
                    + r.dataset()).toLowerCase(Locale.ROOT);
            sb.append("<tr data-collection=\"").append(Html.esc(r.collection())).append("\" data-search=\"")
                    .append(Html.esc(search)).append("\"").append(r.beyondTolerance() ? " class=\"moved\"" : "")
                    .append(">");
            sb.append("<td data-value=\"").append(Html.esc(r.model())).append("\"><a href=\"")
                    .append(Html.path("models", r.model())).append("\">").append(Html.esc(r.model()))
                    .append("</a></td>");
            text(sb, r.collection());
            text(sb, r.dataset());
            num(sb, r.claimedTop1(), 2);
            num(sb, r.claimedTop5(), 2);
            measured(sb, r.measuredTop1(), r.measuredImages());
            measured(sb, r.measuredTop5(), r.measuredImages());
            sb.append("<td class=\"num").append(r.beyondTolerance() ? " beyond" : "").append("\" data-value=\"")
                    .append(r.diffTop1() == null ? "" : r.diffTop1()).append("\">")
                    .append(r.diffTop1() == null ? "" : String.format(Locale.ROOT, "%+.2f", r.diffTop1()))
                    .append("</td>");
            sb.append("<td class=\"num\" data-value=\"").append(r.parameters() == null ? "" : r.parameters())
                    .append("\">").append(r.parameters() == null ? "" : String.format(Locale.ROOT, "%.2fM",
                            r.parameters() / 1e6)).append("</td>");
            sb.append("<td class=\"num\" data-value=\"").append(r.imageSize() == null ? "" : r.imageSize())
                    .append("\">").append(r.imageSize() == null ? "" : r.imageSize()).append("</td>");
            num(sb, r.imagesPerSecond(), 1);
            sb.append("<td data-value=\"").append(r.lastRun() == null ? "" : r.lastRun()).append("\">");
            if (r.runId() != null) {
                sb.append("<a href=\"/runs/").append(r.runId()).append("\">")
                        .append(Html.esc(r.lastRun() == null ? "#" + r.runId() : r.lastRun().toString().substring(0,
                                10))).append("</a>");
            }
            sb.append("</td></tr>");
        }
        sb.append("</tbody></table></div>");
        return Html.page("Results", sb.toString());
    }

    private static void text(StringBuilder sb, String s) {
        sb.append("<td data-value=\"").append(Html.esc(s)).append("\">").append(Html.esc(s)).append("</td>");
    }

    private static void num(StringBuilder sb, Double v, int decimals) {
        sb.append("<td class=\"num\" data-value=\"").append(v == null ? "" : v).append("\">")
                .append(Html.num(v, decimals)).append("</td>");
    }

    private static void measured(StringBuilder sb, Double v, Integer images) {
        boolean subset = v != null && images != null && images < 50_000;
        sb.append("<td class=\"num\" data-value=\"").append(v == null ? "" : v).append("\"")
                .append(subset ? " title=\"measured on " + images + " images, not the full validation set\"" : "")
                .append(">").append(Html.num(v, 2)).append(subset ? "<sup>*</sup>" : "").append("</td>");
    }

    @GET
    @Path("models/{id}")
    public String model(@PathParam("id") String id) {
        Model m = api.find(id);
        ApiResource.WeightsStatus w = api.weights(m);
        ModelMetadata md = m.metadata();
        StringBuilder sb = new StringBuilder("<p class=\"crumbs\"><a href=\"/\">Results</a> / ")
                .append(Html.esc(m.collection())).append("</p><h1>").append(Html.esc(m.name())).append("</h1>");
        if (!m.name().equals(m.id())) {
            sb.append("<p class=\"muted\">ID <code>").append(Html.esc(m.id())).append("</code></p>");
        }
        sb.append("<section><h2>Paper and code</h2><dl>");
        if (m.paper() != null) {
            dd(sb, "Paper", Html.link(m.paper().url(), m.paper().title() != null ? m.paper().title() : m.paper().url()));
        }
        if (m.code() != null) {
            dd(sb, "Code", Html.link(m.code().url(), null));
        }
        dd(sb, "Collection", Html.esc(m.collection()));
        dd(sb, "Defined in", "<code>" + Html.esc(m.pos()) + "</code>");
        sb.append("</dl></section>");

        sb.append("<section><h2>Results</h2><div class=\"table-wrap\"><table class=\"data\"><thead><tr>"
                + "<th>Dataset</th><th class=\"num\">Claimed top-1</th><th class=\"num\">Measured top-1</th>"
                + "<th class=\"num\">Claimed top-5</th><th class=\"num\">Measured top-5</th><th class=\"num\">Δ top-1"
                + "</th></tr></thead><tbody>");
        for (ResultRow r : results.rows(null, null, m.id())) {
            sb.append("<tr").append(r.beyondTolerance() ? " class=\"moved\"" : "").append("><td>")
                    .append(Html.esc(r.dataset())).append("</td><td class=\"num\">").append(Html.num(r.claimedTop1(), 2))
                    .append("</td><td class=\"num measured-top1\">").append(Html.num(r.measuredTop1(), 2))
                    .append("</td><td class=\"num\">").append(Html.num(r.claimedTop5(), 2))
                    .append("</td><td class=\"num\">").append(Html.num(r.measuredTop5(), 2))
                    .append("</td><td class=\"num\">").append(r.diffTop1() == null ? ""
                            : String.format(Locale.ROOT, "%+.2f", r.diffTop1())).append("</td></tr>");
        }
        sb.append("</tbody></table></div></section>");

        sb.append("<section><h2>Weights</h2><dl>");
        dd(sb, "URL", w.url() == null ? "none" : Html.link(w.url(), null));
        dd(sb, "File size", w.fileSize() == null ? "" : String.format(Locale.ROOT, "%,d bytes", w.fileSize()));
        dd(sb, "SHA256 (catalogue)", w.catalogSha256() == null ? "not pinned" : "<code>" + Html.esc(w.catalogSha256())
                + "</code>");
        dd(sb, "Cached", w.cached() ? "yes" : "no");
        if (w.sha256() != null) {
            dd(sb, "SHA256 (pinned)", "<code>" + Html.esc(w.sha256()) + "</code> (" + Html.esc(w.pinSource()) + ")");
            dd(sb, "Verified", w.verifiedAt() == null ? "never" : Html.esc(w.verifiedAt()));
        }
        sb.append("</dl></section>");

        sb.append("<section><h2>Architecture</h2><dl>");
        m.networkSpec().ifPresent(n -> dd(sb, "Network", Html.esc(String.format(Locale.ROOT,
                "%s %s, width ×%d, stem %d, %d GroupNorm groups, %d classes: %,d parameters", n.family(),
                n.blockUnits(), n.widthFactor(), n.stemWidth(), n.normGroups(), n.classes(), n.parameterCount()))));
        if (md.architecture() != null) {
            dd(sb, "Layers", "<ul class=\"tags\">" + tags(md.architecture()) + "</ul>");
        }
        sb.append("</dl></section>");

        sb.append("<section><h2>Training</h2><dl>");
        if (md.trainingData() != null) {
            dd(sb, "Data", "<ul class=\"tags\">" + tags(md.trainingData()) + "</ul>");
        }
        if (md.trainingTechniques() != null) {
            dd(sb, "Techniques", "<ul class=\"tags\">" + tags(md.trainingTechniques()) + "</ul>");
        }
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("Resources", md.trainingResources());
        hyper.put("Epochs", md.epochs());
        hyper.put("Batch size", md.batchSize());
        hyper.put("Learning rate", md.lr());
        hyper.put("Momentum", md.momentum());
        hyper.put("Weight decay", md.weightDecay());
        hyper.put("Parameters", md.parameters() == null ? null : String.format(Locale.ROOT, "%,d", md.parameters()));
        hyper.put("FLOPs", md.flops() == null ? null : String.format(Locale.ROOT, "%,d", md.flops()));
        hyper.put("Layers", md.layers());
        hyper.put("Image size", md.imageSize());
        hyper.put("Crop pct", md.cropPct());
        hyper.put("Interpolation", md.interpolation());
        hyper.forEach((k, v) -> {
            if (v != null) {
                dd(sb, k, Html.esc(v instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                        : v));
            }
        });
        md.extra().forEach((k, v) -> dd(sb, k + " *", Html.esc(v)));
        m.extra().forEach((k, v) -> dd(sb, k + " *", Html.esc(v)));
        sb.append("</dl></section>");

        List<Run> runs = api.runsOf(m.id());
        sb.append("<section><h2>Runs</h2>");
        if (runs.isEmpty()) {
            sb.append("<p class=\"muted\">No runs yet: <code>zoo eval ").append(Html.esc(m.id())).append("</code></p>");
        } else {
            sb.append("<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Run</th><th>Status</th>"
                    + "<th>Data</th><th class=\"num\">Images</th><th class=\"num\">Top-1</th><th class=\"num\">Top-5"
                    + "</th><th class=\"num\">img/s</th><th>Device</th><th>Started</th></tr></thead><tbody>");
            for (Run r : runs) {
                sb.append("<tr><td><a href=\"/runs/").append(r.id()).append("\">#").append(r.id())
                        .append("</a></td><td>").append(Html.esc(r.status().label())).append("</td><td>")
                        .append(Html.esc(r.dataset() + " / " + r.split())).append("</td><td class=\"num\">")
                        .append(r.imageCount() == null ? "" : r.imageCount()).append("</td><td class=\"num\">")
                        .append(Html.num(r.measured("ImageNet", Metric.TOP1), 2)).append("</td><td class=\"num\">")
                        .append(Html.num(r.measured("ImageNet", Metric.TOP5), 2)).append("</td><td class=\"num\">")
                        .append(Html.num(r.imagesPerSecond(), 1)).append("</td><td>").append(Html.esc(r.device()))
                        .append("</td><td>").append(Html.esc(r.startedAt())).append("</td></tr>");
            }
            sb.append("</tbody></table></div>");
        }
        sb.append("</section>");
        if (m.citation() != null) {
            sb.append("<section><h2>Citation</h2><pre class=\"bibtex\">").append(Html.esc(m.citation()))
                    .append("</pre></section>");
        }
        return Html.page(m.name(), sb.toString());
    }

    private static String tags(List<String> items) {
        StringBuilder sb = new StringBuilder();
        items.forEach(i -> sb.append("<li>").append(Html.esc(i)).append("</li>"));
        return sb.toString();
    }

    private static void dd(StringBuilder sb, String term, String html) {
        sb.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(html).append("</dd>");
    }

    @GET
    @Path("runs/{id}")
    public String run(@PathParam("id") String id) {
        Run r = api.findRun(id);
        StringBuilder sb = new StringBuilder("<p class=\"crumbs\"><a href=\"/\">Results</a> / <a href=\"")
                .append(Html.path("models", r.modelId())).append("\">").append(Html.esc(r.modelId()))
                .append("</a></p><h1>Run #").append(r.id()).append("</h1><section><h2>Metrics</h2>"
                        + "<table class=\"data\"><thead><tr><th>Dataset</th><th>Metric</th><th class=\"num\">Value</th>"
                        + "</tr></thead><tbody>");
        for (Run.Measurement x : r.results()) {
            sb.append("<tr><td>").append(Html.esc(x.dataset())).append("</td><td>").append(Html.esc(x.metric()))
                    .append("</td><td class=\"num\">").append(Html.num(x.value(), 2)).append("</td></tr>");
        }
        sb.append("</tbody></table></section><section><h2>Provenance</h2><dl>");
        Object[][] fields = {{"Model", r.modelId()}, {"Status", r.status().label()}, {"Dataset", r.dataset()},
            {"Split", r.split()}, {"Subset", r.subset()}, {"Images", r.imageCount()}, {"Data path", r.dataPath()},
            {"Data fingerprint", r.dataFingerprint()}, {"Recipe", r.recipe()}, {"Weights sha256", r.weightsSha256()},
            {"Device", r.device()}, {"Batch", r.batchSize()}, {"Threads", r.threads()},
            {"Images/s", r.imagesPerSecond() == null ? null : Html.num(r.imagesPerSecond(), 2)},
            {"Zoo", r.zooVersion()}, {"DJL", r.djlVersion()}, {"libtorch", r.torchVersion()}, {"Host", r.host()},
            {"Started", r.startedAt()}, {"Finished", r.finishedAt()}, {"Error", r.error()}};
        for (Object[] f : fields) {
            if (f[1] != null) {
                dd(sb, (String) f[0], Html.esc(f[1]));
            }
        }
        sb.append("</dl></section>");
        return Html.page("Run #" + r.id(), sb.toString());
    }

    @GET
    @Path("chart")
    public String chart() {
        Map<String, Run> latest = results.snapshot().latest();
        List<Chart.Point> byParams = new ArrayList<>();
        List<Chart.Point> bySpeed = new ArrayList<>();
        for (Model m : backend.catalog().models()) {
            ResultRow r = ResultsService.row(m, "ImageNet", latest.get(m.id()));
            String href = Html.path("models", m.id());
            Double top1 = r.measuredTop1() != null ? r.measuredTop1() : r.claimedTop1();
            if (top1 != null && r.parameters() != null && r.parameters() > 0) {
                byParams.add(new Chart.Point(m.id(), r.parameters(), top1, r.measuredTop1() != null, href));
            }
            if (r.measuredTop1() != null && r.imagesPerSecond() != null && r.imagesPerSecond() > 0) {
                bySpeed.add(new Chart.Point(m.id(), r.imagesPerSecond(), r.measuredTop1(), true, href));
            }
        }
        String body = "<h1>Accuracy against size and speed</h1><p class=\"lead\">Each point is a model (hover for its "
                + "name, click for its card): <span class=\"key measured\"></span> measured, "
                + "<span class=\"key claimed\"></span> claimed.</p><section><h2>Top-1 against parameters</h2>"
                + Chart.scatter("chart-params", "parameters (log scale)", byParams)
                + "</section><section><h2>Top-1 against measured throughput</h2>"
                + Chart.scatter("chart-speed", "images/s (log scale)", bySpeed) + "</section>";
        return Html.page("Chart", body);
    }

}
