package dev.zoo.web.view;

/** A labelled value of a card ({@code <dt>}/{@code <dd>}); {@code href} links it, {@code code} shows it monospace. */
public record Field(String name, String value, String href, boolean code) {

    public static Field of(String name, Object value) {
        return new Field(name, value == null ? null : Display.plain(value), null, false);
    }

    public static Field code(String name, String value) {
        return new Field(name, value, null, true);
    }

    public static Field link(String name, String text, String url) {
        return new Field(name, text, Display.externalUrl(url), false);
    }

    public boolean present() {
        return value != null && !value.isEmpty();
    }
}
