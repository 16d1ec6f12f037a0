package dev.zoo.web.view;

import dev.zoo.metadata.Collection;
import dev.zoo.results.Comparison;
import dev.zoo.results.ResultRow;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The results page: one row per model and dataset, ordered by measured (else claimed) top-1, best first. */
public record IndexView(String tolerance, List<String> collections, List<Row> rows) {

    /** A row of the table, its cells in column order. */
    public record Row(String model, String href, String collection, String search, boolean moved, List<Cell> cells) {
    }

    /** The columns: label and whether they sort as numbers. */
    public record Column(String label, boolean numeric) {
    }

    public static final List<Column> COLUMNS = List.of(new Column("Model", false), new Column("Collection", false),
            new Column("Dataset", false), new Column("Claimed top-1", true), new Column("Claimed top-5", true),
            new Column("Measured top-1", true), new Column("Measured top-5", true), new Column("Δ top-1", true),
            new Column("Δ top-5", true), new Column("Partial or other data (latest)", false),
            new Column("Params", true), new Column("Image", true), new Column("img/s", true),
            new Column("Last complete run", false));

    public List<Column> columns() {
        return COLUMNS;
    }

    public static IndexView of(List<Collection> collections, List<ResultRow> rows) {
        Comparator<ResultRow> best = Comparator.comparing((ResultRow r) -> r.measuredTop1() != null
                ? r.measuredTop1() : r.claimedTop1(), Comparator.nullsLast(Comparator.reverseOrder()));
        return new IndexView(Display.plain(Comparison.DEFAULT_TOLERANCE),
                collections.stream().map(Collection::name).toList(),
                rows.stream().sorted(best.thenComparing(ResultRow::model)).map(IndexView::row).toList());
    }

    static Row row(ResultRow r) {
        String href = Display.path("models", r.model());
        String search = (r.model() + " " + r.name() + " " + (r.collection() == null ? "" : r.collection()) + " "
                + r.dataset()).toLowerCase(Locale.ROOT);
        String measuredOn = r.measuredImages() == null ? null : "complete run #" + r.runId() + " on "
                + Display.count(r.measuredImages()) + " images";
        List<Cell> cells = List.of(
                Cell.text(r.model()).linked(href),
                Cell.text(r.collection()),
                Cell.text(r.dataset()),
                Cell.number(r.claimedTop1(), 2),
                Cell.number(r.claimedTop5(), 2),
                Cell.number(r.measuredTop1(), 2).titled(measuredOn),
                Cell.number(r.measuredTop5(), 2).titled(measuredOn),
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
                cells);
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
        String numbers = Display.num(o.top1(), 2) + (o.top5() == null ? "" : " / " + Display.num(o.top5(), 2));
        return new Cell(numbers + " · " + o.scope(), "", "run #" + o.runId() + ", finished "
                + Display.date(o.finishedAt()) + ": " + o.scope(), "/runs/" + o.runId(), "other");
    }
}
