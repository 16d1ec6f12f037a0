package dev.zoo.metadata;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Walks a YAML document's events once, before it is composed into nodes, and refuses what would make composing or
 * reading it explode: nesting deeper than {@link #MAX_DEPTH}, an alias inside its own anchor (a cycle), aliases that
 * expand to more than {@link #MAX_NODES} nodes (the "billion laughs"), or a parse that runs past its time bound. Every
 * refusal carries the line of the event that crossed the limit. Linear in the size of the text.
 */
final class YamlGuard {

    static final int MAX_DEPTH = 40;
    static final long MAX_NODES = 100_000;
    static final long TIME_BOUND_NANOS = 10_000_000_000L;

    private YamlGuard() {
    }

    /** The first limit the document crosses, as an error at the offending place; empty when it is safe to compose. */
    static Optional<Diagnostic> check(String yamlText, YamlSource source, LoaderOptions options) {
        long deadline = System.nanoTime() + TIME_BOUND_NANOS;
        Deque<Frame> open = new ArrayDeque<>();
        Map<String, Long> anchorSizes = new HashMap<>();
        long events = 0;
        for (Event event : new Yaml(options).parse(new StringReader(yamlText))) {
            if ((++events & 1023) == 0 && System.nanoTime() > deadline) {
                return refuse(source, event, "parsing took longer than " + TIME_BOUND_NANOS / 1_000_000_000
                        + " s; giving up");
            }
            String anchor = event instanceof NodeEvent n && !(event instanceof AliasEvent) ? n.getAnchor() : null;
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (open.size() >= MAX_DEPTH) {
                        return refuse(source, event, "nesting deeper than " + MAX_DEPTH + " levels");
                    }
                    open.push(new Frame(anchor));
                }
                case SequenceEnd, MappingEnd -> {
                    Frame done = open.pop();
                    if (done.anchor != null) {
                        anchorSizes.put(done.anchor, done.nodes);
                    }
                    if (!open.isEmpty()) {
                        open.peek().nodes = saturatingAdd(open.peek().nodes, done.nodes);
                    }
                }
                case Scalar -> {
                    if (anchor != null) {
                        anchorSizes.put(anchor, 1L);
                    }
                    if (!open.isEmpty()) {
                        open.peek().nodes++;
                    }
                }
                case Alias -> {
                    String target = ((AliasEvent) event).getAnchor();
                    if (open.stream().anyMatch(f -> target.equals(f.anchor))) {
                        return refuse(source, event, "alias '*" + target + "' refers to its own anchor '&" + target
                                + "' (a recursive structure)");
                    }
                    if (!open.isEmpty()) {
                        Frame top = open.peek();
                        top.nodes = saturatingAdd(top.nodes, anchorSizes.getOrDefault(target, 1L));
                        long total = open.stream().mapToLong(f -> f.nodes).reduce(0, YamlGuard::saturatingAdd);
                        if (total > MAX_NODES) {
                            return refuse(source, event, "aliases expand this document to more than "
                                    + String.format("%,d", MAX_NODES) + " values (an alias bomb?)");
                        }
                    }
                }
                default -> {
                    // stream and document boundaries carry nothing to count
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Diagnostic> refuse(YamlSource source, Event event, String message) {
        return Optional.of(Diagnostic.error(source.pos(event.getStartMark()), message));
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** An open sequence or mapping: its anchor, if any, and how many values it holds once aliases are expanded. */
    private static final class Frame {
        final String anchor;
        long nodes = 1;

        Frame(String anchor) {
            this.anchor = anchor;
        }
    }
}
