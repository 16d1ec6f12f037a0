package dev.zoo.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's verdicts as JUnit XML (the Surefire/Ant schema CI systems read): one test suite, one test case per model
 * and check, a {@code <failure>} for a regression or mismatch, an {@code <error>} for what could not be checked.
 */
public final class JUnitReport {

    private JUnitReport() {
    }

    public static void write(GateReport report, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".junit", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            attributes(x, report);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            attributes(x, report);
            x.writeAttribute("timestamp", report.finishedAt().toString());
            x.writeAttribute("hostname", "localhost");
            for (CheckItem item : report.items()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", item.model());
                x.writeAttribute("name", item.name());
                x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", report.seconds(item)));
                if (item.outcome() == CheckItem.Outcome.PASS && item.measured() != null) {
                    // a pass says what it passed with, so CI logs show the numbers either way
                    x.writeCharacters("\n      ");
                    x.writeStartElement("system-out");
                    x.writeCharacters(details(item));
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                }
                if (item.outcome() != CheckItem.Outcome.PASS) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement(item.outcome() == CheckItem.Outcome.FAIL ? "failure" : "error");
                    x.writeAttribute("message", item.message());
                    x.writeAttribute("type", item.outcome() == CheckItem.Outcome.FAIL ? "regression" : "unchecked");
                    x.writeCharacters(details(item));
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                }
                x.writeEndElement();
            }
            if (!report.notes().isEmpty()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(String.join("\n", report.notes()));
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void attributes(XMLStreamWriter x, GateReport r) throws XMLStreamException {
        x.writeAttribute("name", "zoo check");
        x.writeAttribute("tests", Integer.toString(r.items().size()));
        x.writeAttribute("failures", Long.toString(r.count(CheckItem.Outcome.FAIL)));
        x.writeAttribute("errors", Long.toString(r.count(CheckItem.Outcome.ERROR)));
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", r.seconds()));
    }

    private static String details(CheckItem i) {
        StringBuilder sb = new StringBuilder(i.message());
        if (i.expected() != null) {
            sb.append("\nexpected: ").append(Comparison.fmt(i.expected()));
        }
        if (i.measured() != null) {
            sb.append("\nmeasured: ").append(Comparison.fmt(i.measured()));
        }
        if (i.tolerance() != null) {
            sb.append("\ntolerance: ").append(Comparison.fmt(i.tolerance()));
        }
        if (i.scope() != null) {
            sb.append("\nmeasured on: ").append(i.scope());
        }
        CheckItem.Evidence e = i.evidence();
        if (e != null && e.images() != null) {
            sb.append("\nimages: ").append(e.images());
        }
        if (e != null && e.interval() != null) {
            sb.append("\n95% interval: ").append(e.interval().range());
        }
        if (e != null && e.pValue() != null) {
            sb.append("\nimages lost: ").append(e.lost()).append(", gained: ").append(e.gained())
                    .append("\npaired 95% interval of the difference: ").append(e.differenceInterval().range())
                    .append("\nMcNemar p: ").append(Comparison.p(e.pValue()));
        }
        return sb.toString();
    }
}
