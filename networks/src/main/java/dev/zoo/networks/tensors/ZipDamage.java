package dev.zoo.networks.tensors;

import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * What the zip library's complaints mean for the user, said first, with the library's own words kept after them: a
 * weights file the library refuses is damaged (or was edited, or cut), and a new download is the usual cure.
 */
final class ZipDamage {

    private record Meaning(String libraryText, String meaning) {
    }

    /** Matched by the start of the library's message, lower-cased; the first match wins. */
    private static final List<Meaning> MEANINGS = List.of(
            new Meaning("invalid loc header", "an entry's local header is not where the central directory says"),
            new Meaning("invalid entry crc", "an entry's data does not match its checksum"),
            new Meaning("invalid entry compressed size", "an entry holds more or fewer bytes than its header says"),
            new Meaning("invalid entry size", "an entry holds more or fewer bytes than its header says"),
            new Meaning("invalid cen header", "its central directory (the list of arrays) is damaged"),
            new Meaning("zip end header not found", "it has no end record: the file was cut short or is no zip"),
            new Meaning("unexpected end of zlib input stream", "an entry's compressed data ends early"),
            new Meaning("invalid ", "an entry's compressed data is corrupt"),
            new Meaning("too many length or distance symbols", "an entry's compressed data is corrupt"));

    private ZipDamage() {
    }

    /** "damaged zip: an entry's data does not match its checksum (zip library: invalid entry CRC …)". */
    static String describe(ZipException e) {
        return "damaged zip: " + meaning(e);
    }

    /** "an entry's data does not match its checksum (zip library: invalid entry CRC …)". */
    static String meaning(ZipException e) {
        String text = String.valueOf(e.getMessage());
        String lower = text.toLowerCase(Locale.ROOT).replaceFirst("^zipfile ", "");
        return MEANINGS.stream().filter(m -> lower.startsWith(m.libraryText())).findFirst()
                .map(m -> m.meaning() + " (zip library: " + text + ")")
                .orElse("the zip library refuses it: " + text);
    }
}
