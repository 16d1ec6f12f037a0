package dev.zoo.web.view;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.results.Comparison;
import dev.zoo.results.ResultRow;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The results page: one leaderboard per dataset (ImageNet-1k unless another is chosen, as paperswithcode ranks within
 * a benchmark), ordered by measured (else claimed) top-1, best first. Filtered, sorted and cut into pages on the
 * server, so that a catalogue of a thousand models is a page of a hundred rows; the script sorts and filters a page
 * that holds every row without a reload.
 *
 * @param total rows of the chosen dataset that pass the filters; {@code rows} is one page of them
 */
public record IndexView(String tolerance, Query query, List<DatasetChoice> datasets, List<String> collections,
                        List<Row> rows, int total, int totalInDataset, Pager pager, int withoutResults) {

    /** Rows per page: the page stays small and quick with any catalogue. */
    public static final int PAGE_SIZE = 100;

    /** What the address asks for: dataset, text filter, collection, sort column and direction, page (1-based). */
    public record Query(String dataset, String q, String collection, String sort, boolean ascending, int page) {

        public Query {
            q = q == null ? "" : q.trim();
            collection = collection == null ? "" : collection;
            page = Math.max(1, page);
        }

        /** This query's address with one parameter changed ({@code null} removes it); the page starts over. */
        public String with(String name, String value) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("dataset", dataset);
            p.put("q", q);
            p.put("collection", collection);
            p.put("sort", sort);
            p.put("dir", sort == null ? null : ascending ? "asc" : "desc");
            p.put(name, value);
            if (!name.equals("page")) {
                p.remove("page");
            } else {
                p.put("page", value);
            }
            String query = p.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return "/" + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /** A dataset of the selector, with how many models it ranks. */
    public record DatasetChoice(String name, int rows, boolean selected) {
    }

    /** Links to the neighbouring pages, when there are any. */
    public record Pager(int page, int pages, String previous, String next, int first, int last) {
    }

    /**
     * A row of the table: its cells by name, and in column order ({@link #cells()}); {@code hidden} when the filters
     * leave it out of a page that holds every row.
     */
    public record Row(String model, String href, String collection, String search, boolean moved, Cells named,
                      boolean hidden) {
        public List<Cell> cells() {
            return COLUMNS.stream().map(c -> c.cell().apply(named).withClass(c.phoneClass())).toList();
        }

        Row hide(boolean h) {
            return new Row(model, href, collection, search, moved, named, h);
        }
    }

    /** The cells of one row, by what they show. */
    public record Cells(Cell model, Cell collection, Cell claimedTop1, Cell claimedTop5, Cell measuredTop1,
                        Cell measuredTop5, Cell diffTop1, Cell diffTop5, Cell other, Cell params, Cell imageSize,
                        Cell rate, Cell lastRun) {
    }

    /**
     * A column: its key in the address, its label, whether it sorts as numbers, its cell, and whether a phone shows
     * it before "All columns" is asked for (the model and its top-1 claimed, measured and apart).
     */
    public record Column(String key, String label, boolean numeric, Function<Cells, Cell> cell, boolean onPhones) {

        /** The CSS class its cells get: "more" for a column a phone leaves out at first. */
        public String phoneClass() {
            return onPhones ? "" : "more";
        }

        /** The CSS classes of its header: "num" for numbers, and its {@link #phoneClass()}. */
        public String headerClass() {
            return ((numeric ? "num " : "") + phoneClass()).strip();
        }
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("model", "Model", false, Cells::model, true),
            new Column("collection", "Collection", false, Cells::collection, false),
            new Column("claimed1", "Claimed top-1", true, Cells::claimedTop1, true),
            new Column("claimed5", "Claimed top-5", true, Cells::claimedTop5, false),
            new Column("measured1", "Measured top-1", true, Cells::measuredTop1, true),
            new Column("measured5", "Measured top-5", true, Cells::measuredTop5, false),
            new Column("diff1", "Δ top-1", true, Cells::diffTop1, true),
            new Column("diff5", "Δ top-5", true, Cells::diffTop5, false),
            new Column("other", "Partial or other data (latest)", false, Cells::other, false),
            new Column("params", "Params", true, Cells::params, false),
            new Column("size", "Image", true, Cells::imageSize, false),
            new Column("rate", "img/s", true, Cells::rate, false),
            new Column("last", "Last complete run", false, Cells::lastRun, false));

    public List<Column> columns() {
        return COLUMNS;
    }

    /**
     * True when this page holds every row of the dataset (the filters only hide rows): the script may sort and filter
     * it alone, without a reload.
     */
    public boolean complete() {
        return rows.size() == totalInDataset;
    }

    /** The dataset shown, by the name rows carry. */
    public String dataset() {
        return datasets.stream().filter(DatasetChoice::selected).map(DatasetChoice::name).findFirst().orElse("");
    }

    /** The sort column's key and direction as the table header shows it ("ascending", "descending" or none). */
    public String ariaSort(String key) {
        return key.equals(query.sort()) ? query.ascending() ? "ascending" : "descending" : "";
    }

    /**
     * The page a query asks for. An unknown dataset is empty (the caller answers 400); no dataset chosen is
     * ImageNet-1k when anything ranks there, else the first there is.
     *
     * @param collections the catalogue's collection labels
     * @param models      how many models the catalogue has (those without any result are counted, not ranked)
     */
    public static Optional<IndexView> of(List<String> collections, List<ResultRow> all, Query query, int models) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        all.stream().map(ResultRow::dataset).sorted(DATASET_ORDER).forEach(d -> counts.merge(d, 1, Integer::sum));
        String dataset;
        if (query.dataset() != null && !query.dataset().isBlank()) {
            Optional<String> found = counts.keySet().stream().filter(d -> KnownDataset.sameName(d, query.dataset()))
                    .findFirst();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            dataset = found.get();
        } else {
            dataset = counts.containsKey(KnownDataset.IMAGENET.label()) ? KnownDataset.IMAGENET.label()
                    : counts.keySet().stream().findFirst().orElse(KnownDataset.IMAGENET.label());
        }
        List<DatasetChoice> datasets = counts.entrySet().stream()
                .map(e -> new DatasetChoice(e.getKey(), e.getValue(), e.getKey().equals(dataset))).toList();
        String text = query.q().toLowerCase(Locale.ROOT);
        java.util.function.Predicate<Row> passes = r -> (text.isEmpty() || r.search().contains(text))
                && (query.collection().isEmpty() || query.collection().equals(r.collection()));
        List<Row> inDataset = all.stream().filter(r -> r.dataset().equals(dataset)).map(IndexView::row)
                .sorted(order(query)).toList();
        if (inDataset.size() <= PAGE_SIZE) {
            // one page holds them all: the filters hide rows, so the script can show them again without a reload
            List<Row> rows = inDataset.stream().map(r -> r.hide(!passes.test(r))).toList();
            int shown = (int) rows.stream().filter(r -> !r.hidden()).count();
            return Optional.of(new IndexView(Display.plain(Comparison.DEFAULT_TOLERANCE),
                    new Query(dataset, query.q(), query.collection(), query.sort(), query.ascending(), 1), datasets,
                    collections, rows, shown, inDataset.size(), new Pager(1, 1, null, null, 1, rows.size()),
                    withoutResults(all, models)));
        }
        List<Row> rows = inDataset.stream().filter(passes).toList();
        int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(query.page(), pages);
        int from = (page - 1) * PAGE_SIZE;
        List<Row> shown = rows.subList(from, Math.min(rows.size(), from + PAGE_SIZE));
        Query resolved = new Query(dataset, query.q(), query.collection(), query.sort(), query.ascending(), page);
        Pager pager = new Pager(page, pages, page > 1 ? resolved.with("page", Integer.toString(page - 1)) : null,
                page < pages ? resolved.with("page", Integer.toString(page + 1)) : null,
                shown.isEmpty() ? 0 : from + 1, from + shown.size());
        return Optional.of(new IndexView(Display.plain(Comparison.DEFAULT_TOLERANCE), resolved, datasets,
                collections, List.copyOf(shown), rows.size(), inDataset.size(), pager, withoutResults(all, models)));
    }

    /** Catalogue models that claim nothing and were never measured: they rank on no dataset. */
    private static int withoutResults(List<ResultRow> all, int models) {
        return Math.max(0, models - (int) all.stream().map(ResultRow::model).distinct().count());
    }

    /** ImageNet-1k, then the other sets Zoo knows in its order, then the rest by name. */
    private static final Comparator<String> DATASET_ORDER = Comparator
            .comparingInt((String d) -> KnownDataset.named(d).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
            .thenComparing(d -> d.toLowerCase(Locale.ROOT));

    /** The order asked for; by default measured (else claimed) top-1, best first, then the model's name. */
    private static Comparator<Row> order(Query query) {
        Optional<Column> column = COLUMNS.stream().filter(c -> c.key().equals(query.sort())).findFirst();
        if (column.isEmpty()) {
            Comparator<Row> best = Comparator.comparing(r -> best(r.named()),
                    Comparator.nullsLast(Comparator.reverseOrder()));
            return best.thenComparing(Row::model);
        }
        Column c = column.get();
        Comparator<Row> by = c.numeric()
                ? Comparator.comparing(r -> number(c.cell().apply(r.named())), Comparator.nullsLast(
                        query.ascending() ? Comparator.<Double>naturalOrder() : Comparator.<Double>reverseOrder()))
                : Comparator.comparing(r -> text(c.cell().apply(r.named())), Comparator.nullsLast(
                        query.ascending() ? Comparator.<String>naturalOrder() : Comparator.<String>reverseOrder()));
        return by.thenComparing(Row::model);
    }

    private static Double best(Cells c) {
        Double measured = number(c.measuredTop1());
        return measured != null ? measured : number(c.claimedTop1());
    }

    private static Double number(Cell c) {
        return c.sort().isEmpty() ? null : Double.valueOf(c.sort());
    }

    private static String text(Cell c) {
        return c.sort().isEmpty() ? null : c.sort().toLowerCase(Locale.ROOT);
    }

    public static Row row(ResultRow r) {
        String href = Display.path("models", r.model());
        String search = (r.model() + " " + r.name() + " " + (r.collection() == null ? "" : r.collection()) + " "
                + r.dataset()).toLowerCase(Locale.ROOT);
        String measuredOn = r.measuredImages() == null ? null : "complete run #" + r.runId() + " on "
                + Display.count(r.measuredImages()) + " images";
        Cells cells = new Cells(
                Cell.text(r.model()).linked(href),
                Cell.text(r.collection()),
                Cell.number(r.claimedTop1(), 2),
                Cell.number(r.claimedTop5(), 2),
                Cell.measured(r.measuredTop1(), r.measuredTop1Interval(), r.measuredImages(), measuredOn),
                Cell.measured(r.measuredTop5(), r.measuredTop5Interval(), r.measuredImages(), measuredOn),
                diff(r.diffTop1()),
                diff(r.diffTop5()),
                other(r.other()),
                new Cell(Display.params(r.parameters()), r.parameters() == null ? "" : r.parameters().toString(), null,
                        null, "num"),
                new Cell(r.imageSize() == null ? "" : r.imageSize().toString(),
                        r.imageSize() == null ? "" : r.imageSize().toString(), null, null, "num"),
                Cell.number(r.imagesPerSecond(), 1).titled(r.device() == null ? null : "on " + r.device()),
                new Cell(Display.date(r.lastRun()), r.lastRun() == null ? "" : r.lastRun().toString(), null,
                        r.runId() == null ? null : "/runs/" + r.runId(), "date"));
        return new Row(r.model(), href, r.collection() == null ? "" : r.collection(), search, r.beyondTolerance(),
                cells, false);
    }

    private static Cell diff(Double d) {
        return new Cell(Display.signed(d), d == null ? "" : d.toString(), null, null,
                Comparison.beyond(d, Comparison.DEFAULT_TOLERANCE) ? "num beyond" : "num");
    }

    /** A newer run that is not complete: its numbers with its scope, never in the measured columns. */
    private static Cell other(ResultRow.Other o) {
        if (o == null) {
            return Cell.text("");
        }
        String numbers = Display.num(o.top1(), 2) + (o.top1Interval() == null ? "" : " " + o.top1Interval()
                .plusMinus(o.top1())) + (o.top5() == null ? "" : " / " + Display.num(o.top5(), 2));
        return new Cell(numbers + " · " + o.scope(), "", "run #" + o.runId() + ", finished "
                + Display.date(o.finishedAt()) + ": " + o.scope(), "/runs/" + o.runId(), "other");
    }
}
