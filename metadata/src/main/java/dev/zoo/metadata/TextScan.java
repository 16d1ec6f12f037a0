package dev.zoo.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few scans of a catalogue's raw text, written as single forward passes: a regular expression over a Markdown file
 * with many unclosed {@code <!--} or long runs of blanks backtracks quadratically, and catalogues come from strangers.
 */
final class TextScan {

    private static final String OPEN = "<!--";
    private static final String CLOSE = "-->";
    private static final String FENCE = "```";

    private TextScan() {
    }

    /** A {@code <!-- ... -->} comment's body and where it starts (0-based line and column of the file). */
    record Comment(String body, int line, int column) {
    }

    static List<Comment> htmlComments(String text) {
        List<Comment> out = new ArrayList<>();
        int line = 0;
        int lineStart = 0;
        int counted = 0;    // newlines before this offset are counted in line
        int from = 0;
        while (true) {
            int open = text.indexOf(OPEN, from);
            if (open < 0) {
                return out;
            }
            int bodyStart = open + OPEN.length();
            int close = text.indexOf(CLOSE, bodyStart);
            if (close < 0) {
                return out;
            }
            for (int i = counted; i < bodyStart; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            counted = bodyStart;
            out.add(new Comment(text.substring(bodyStart, close), line, bodyStart - lineStart));
            from = close + CLOSE.length();
        }
    }

    /**
     * A YAML front matter block (Hugging Face model cards): {@code ---} on the first line, the YAML, then a line of
     * {@code ---}. The body starts on the file's second line.
     */
    static Optional<String> frontMatter(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!(t.startsWith("---\n") || t.startsWith("---\r\n"))) {
            return Optional.empty();
        }
        int bodyStart = t.indexOf('\n') + 1;
        int from = bodyStart;
        while (from < t.length()) {
            int end = t.indexOf('\n', from);
            String line = (end < 0 ? t.substring(from) : t.substring(from, end)).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                return Optional.of(t.substring(bodyStart, from));
            }
            if (end < 0) {
                break;
            }
            from = end + 1;
        }
        return Optional.empty();
    }

    /** The body of the first fenced {@code ```bibtex} block, if it is closed. */
    static Optional<String> bibtexBlock(String text) {
        int from = 0;
        while (true) {
            int fence = text.indexOf(FENCE, from);
            if (fence < 0) {
                return Optional.empty();
            }
            int p = fence + FENCE.length();
            while (p < text.length() && Character.isWhitespace(text.charAt(p)) && text.charAt(p) != '\n') {
                p++;
            }
            if (text.regionMatches(true, p, "bibtex", 0, "bibtex".length())) {
                int bodyStart = text.indexOf('\n', p);
                int end = bodyStart < 0 ? -1 : text.indexOf(FENCE, bodyStart + 1);
                return end < 0 ? Optional.empty() : Optional.of(text.substring(bodyStart + 1, end).strip());
            }
            from = fence + FENCE.length();
        }
    }

    /**
     * The first character YAML does not allow in a document (a NUL byte, other C0/C1 controls, DEL, lone surrogates),
     * as an error at its line and column; SnakeYAML's own refusal names no line.
     */
    static Optional<Diagnostic> firstControlCharacter(String file, String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\n') {
                line++;
                lineStart = i + 1;
            } else if (!allowed(cp)) {
                String name = cp == 0 ? "a NUL byte" : String.format("control character U+%04X", cp);
                return Optional.of(Diagnostic.error(new SourcePos(file, line, i - lineStart + 1),
                        name + ": a catalogue must be text"));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /** YAML 1.1's printable set, as SnakeYAML reads it. */
    private static boolean allowed(int cp) {
        return cp == '\t' || cp == '\r' || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
