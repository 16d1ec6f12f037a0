package dev.zoo.web.view;

/**
 * One table cell: what it shows, what it sorts by, an optional tooltip and link, and CSS classes.
 *
 * @param sort the value the table sorts by (a number for numeric columns); empty sorts last
 */
public record Cell(String text, String sort, String title, String href, String css) {

    public static Cell text(String text) {
        return new Cell(text == null ? "" : text, text == null ? "" : text, null, null, "");
    }

    public static Cell number(Double v, int decimals) {
        return new Cell(Display.num(v, decimals), v == null ? "" : Double.toString(v), null, null, "num");
    }

    public Cell titled(String tooltip) {
        return new Cell(text, sort, tooltip, href, css);
    }

    public Cell linked(String link) {
        return new Cell(text, sort, title, link, css);
    }

    public Cell styled(String more) {
        return new Cell(text, sort, title, href, (css + " " + more).trim());
    }
}
