package dev.zoo.metadata;

import static dev.zoo.metadata.NodeReader.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code Results}: what a model claims, as model-index writes it ({@code Task}, {@code Dataset}, {@code Metrics} as a
 * mapping or a list) and as Hugging Face model cards write it ({@code task: {type, name}}, {@code dataset: {type,
 * name}}, {@code metrics: [{type, value, name}]}). A claim Zoo cannot read is left out with a warning; the model stays.
 */
final class ClaimsReader {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** A top-1/top-5 below this on an ImageNet-1k image set is no published classifier's: likely a fraction. */
    private static final double IMPLAUSIBLE_IMAGENET_ACCURACY = 5.0;

    private ClaimsReader() {
    }

    /** One result mapping; {@code r} should be lenient: a bad claim costs only itself. */
    static Optional<Result> result(NodeReader r, Node node) {
        return r.mapping(node, "a result").flatMap(m -> {
            String task = m.get("task").flatMap(n -> named(r, n, "Task")).orElse(null);
            Optional<String> dataset = m.get("dataset").flatMap(n -> named(r, n, "Dataset"));
            if (dataset.isEmpty()) {
                r.error(node, "a result without a Dataset is left out");
                return Optional.empty();
            }
            Optional<Node> metricsNode = m.get("metrics");
            if (metricsNode.isEmpty()) {
                r.error(node, "a result without Metrics is left out");
                return Optional.empty();
            }
            List<Metric> metrics = metrics(r, metricsNode.get(), dataset.get());
            return Optional.of(new Result(task, dataset.get(), metrics, r.pos(node)));
        });
    }

    /** A task or dataset: a name, or Hugging Face's {@code {type, name}} (the name first). */
    private static Optional<String> named(NodeReader r, Node node, String what) {
        if (node instanceof MappingNode) {
            return r.mapping(node, what).flatMap(m -> m.get("name").or(() -> m.get("type"))
                    .flatMap(n -> r.string(n, what + " name")));
        }
        return r.string(node, what);
    }

    /**
     * {@code Metrics}: a mapping of names to values, a list of such mappings, or a list of {@code {Name (or Type),
     * Value}} entries.
     */
    static List<Metric> metrics(NodeReader r, Node node, String dataset) {
        List<Metric> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                r.mapping(item, "an item of Metrics").ifPresent(m -> {
                    if (m.has("value")) {
                        Optional<String> name = m.get("name").or(() -> m.get("type"))
                                .flatMap(n -> r.string(n, "a metric's name"));
                        if (name.isEmpty()) {
                            r.error(item, "a metric without a Name or Type is left out");
                        } else {
                            m.get("value").ifPresentOrElse(v -> metric(r, v, name.get(), dataset).ifPresent(out::add),
                                    () -> r.error(item, "metric " + quote(name.get()) + " has no value"));
                        }
                    } else {
                        m.all().forEach(e -> metric(r, e.value(), e.key(), dataset).ifPresent(out::add));
                    }
                });
            }
            return out;
        }
        r.mapping(node, "Metrics").ifPresent(m -> m.all().forEach(e -> metric(r, e.value(), e.key(), dataset)
                .ifPresent(out::add)));
        return out;
    }

    /** One value; accuracies are percentages (timm writes {@code 80.37%} or {@code 80.37}), nothing else is bounded. */
    private static Optional<Metric> metric(NodeReader r, Node value, String name, String dataset) {
        if (NodeReader.isAbsent(value)) {
            return Optional.empty();
        }
        return r.number(value, "metric " + quote(name)).flatMap(n -> {
            boolean accuracy = name.toLowerCase(Locale.ROOT).contains("acc")
                    || new Metric(name, 0, "").isTopK();
            if (accuracy && (n.signum() < 0 || n.compareTo(HUNDRED) > 0)) {
                r.error(value, "metric " + quote(name) + " is a percentage from 0 to 100, found "
                        + n.toPlainString() + "; left out");
                return Optional.empty();
            }
            Metric metric = new Metric(Metric.canonicalName(name), n.doubleValue(), ((ScalarNode) value).getValue());
            boolean imagenet = KnownDataset.named(dataset).filter(d -> d.images() > 0).isPresent();
            if (metric.isTopK() && imagenet && metric.value() < IMPLAUSIBLE_IMAGENET_ACCURACY) {
                r.warning(value, String.format(Locale.ROOT, "%s %s%% on %s is implausible for a classifier (a "
                        + "fraction written for a percentage?)", metric.name(), n.toPlainString(), dataset));
            }
            return Optional.of(metric);
        });
    }
}
