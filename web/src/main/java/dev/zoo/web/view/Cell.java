package dev.zoo.web.view;

/**
 * One table cell: what it shows, what it sorts by, an optional tooltip and link, and CSS classes.
 *
 * @param sort the value the table sorts by (a number for numeric columns); empty sorts last
 * @param note shown small beside the text: a measured value's "±0.35" (its 95 % interval); null for none
 */
public record Cell(String text, String sort, String title, String href, String css, String note) {

    public Cell(String text, String sort, String title, String href, String css) {
        this(text, sort, title, href, css, null);
    }

    /** A measured percentage with its interval beside it and in its tooltip. */
    public static Cell measured(Double v, dev.zoo.results.Interval interval, Integer images, String more) {
        Cell c = number(v, 2);
        if (v == null) {
            return c;
        }
        String tip = (more == null ? "" : more + "; ") + (interval == null ? "no interval: the number of images "
                + "behind it is not known" : "95 % interval " + interval.range() + " (Wilson, " + Display.count(images)
                + " images)");
        return new Cell(c.text(), c.sort(), tip, null, c.css(), interval == null ? null : interval.plusMinus(v));
    }

    public static Cell text(String text) {
        return new Cell(text == null ? "" : text, text == null ? "" : text, null, null, "");
    }

    public static Cell number(Double v, int decimals) {
        return new Cell(Display.num(v, decimals), v == null ? "" : Double.toString(v), null, null, "num");
    }

    public Cell titled(String tooltip) {
        return new Cell(text, sort, tooltip, href, css, note);
    }

    /** What the cell shows: its text, or a dash for none (an empty cell reads as missing data, not as nothing). */
    public String shown() {
        return text == null || text.isBlank() ? "—" : text;
    }

    /** The same cell with one more CSS class (none when {@code extra} is blank). */
    public Cell withClass(String extra) {
        if (extra == null || extra.isBlank()) {
            return this;
        }
        return new Cell(text, sort, title, href, css == null || css.isBlank() ? extra : css + " " + extra, note);
    }

    public Cell linked(String link) {
        return new Cell(text, sort, title, link, css, note);
    }

    public Cell styled(String more) {
        return new Cell(text, sort, title, href, (css + " " + more).trim(), note);
    }
}
