package dev.zoo.metadata;

import static dev.zoo.metadata.NodeReader.quote;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Zoo's own keys, {@code Preprocessing} and {@code Network}: they decide what is evaluated and how, so anything Zoo
 * cannot read in them is an error (the model is left out rather than evaluated with a guess).
 */
final class ExtensionsReader {

    private static final Set<String> PREPROCESSING_KEYS = Set.of("mean", "std", "resize mode");
    private static final Set<String> NETWORK_KEYS = Set.of("format", "family", "block units", "width factor",
            "stem width", "norm groups", "classes");

    private ExtensionsReader() {
    }

    static Preprocessing preprocessing(NodeReader r, Node node) {
        return r.mapping(node, "Preprocessing").map(m -> {
            List<Double> mean = m.get("mean").flatMap(n -> r.decimals(n, "Preprocessing.Mean")
                    .filter(l -> checkThree(r, n, "Preprocessing.Mean", l, false))).orElse(null);
            List<Double> std = m.get("std").flatMap(n -> r.decimals(n, "Preprocessing.Std")
                    .filter(l -> checkThree(r, n, "Preprocessing.Std", l, true))).orElse(null);
            ResizeMode mode = m.get("resize mode").flatMap(n -> r.string(n, "Preprocessing.Resize Mode")
                    .flatMap(s -> {
                        Optional<ResizeMode> parsed = ResizeMode.parse(s);
                        if (parsed.isEmpty()) {
                            r.error(n, "Preprocessing.Resize Mode must be 'crop' or 'squash', found " + quote(s));
                        }
                        return parsed;
                    })).orElse(null);
            m.all().stream().filter(e -> !PREPROCESSING_KEYS.contains(Keys.canonical(e.key())))
                    .forEach(e -> r.error(e.keyNode(), "unknown Preprocessing key " + quote(e.key())
                            + " (known: Mean, Std, Resize Mode)"));
            return new Preprocessing(mean, std, mode);
        }).orElse(null);
    }

    private static boolean checkThree(NodeReader r, Node n, String what, List<Double> values, boolean positive) {
        if (values.size() != 3) {
            r.error(n, what + " must list 3 numbers (R, G, B), found " + values.size());
            return false;
        }
        if (positive && values.stream().anyMatch(d -> d <= 0)) {
            r.error(n, what + " values must be positive");
            return false;
        }
        return true;
    }

    /**
     * {@code Network}: {@code Format} (npz, torchscript, onnx; npz when a ResNetV2 is described) and, for npz, the
     * ResNetV2 (Block Units, Width Factor, Stem Width, Norm Groups, Classes). TorchScript and ONNX files carry their own
     * architecture, so those keys are errors beside them.
     */
    static DeclaredNetwork network(NodeReader r, Node node) {
        return r.mapping(node, "Network").flatMap(m -> {
            Optional<ModelFormat> declared = m.get("format").flatMap(n -> r.string(n, "Network.Format")
                    .flatMap(s -> {
                        Optional<ModelFormat> f = ModelFormat.parse(s);
                        if (f.isEmpty()) {
                            r.error(n, "Network.Format must be npz, torchscript or onnx, found " + quote(s));
                        }
                        return f;
                    }));
            if (m.get("format").isPresent() && declared.isEmpty()) {
                return Optional.empty();
            }
            ModelFormat format = declared.orElse(ModelFormat.NPZ);
            if (format != ModelFormat.NPZ) {
                m.all().stream().filter(e -> !Keys.canonical(e.key()).equals("format")).forEach(e -> r.error(
                        e.keyNode(), "Network." + e.key() + " describes a BiT ResNetV2 (Format npz); "
                                + format.withArticle() + " file carries its own architecture (its classes are read "
                                + "from its output)"));
                return Optional.of(new DeclaredNetwork(format, null));
            }
            return resNet(r, node, m).map(DeclaredNetwork::of);
        }).orElse(null);
    }

    private static Optional<NetworkSpec> resNet(NodeReader r, Node node, NodeReader.Entries m) {
        String family = m.get("family").flatMap(n -> r.string(n, "Network.Family"))
                .map(s -> s.toLowerCase(Locale.ROOT)).orElse(NetworkSpec.RESNETV2);
        if (!family.equals(NetworkSpec.RESNETV2)) {
            r.warning(m.get("family").orElseThrow(), "Network.Family '" + family
                    + "' is not one Zoo can build from an .npz (known: resnetv2)");
        }
        Optional<List<Integer>> units = m.get("block units").flatMap(n -> r.positiveInts(n,
                "Network.Block Units").filter(u -> NetworkLimits.checkUnits(r, n, u)));
        if (m.get("block units").isEmpty()) {
            r.error(node, "Network needs Block Units, e.g. [3, 4, 6, 3] (or Format: torchscript / onnx)");
        }
        int width = bounded(r, m, "width factor", "Width Factor", 1, NetworkLimits.MAX_WIDTH_FACTOR);
        int stem = bounded(r, m, "stem width", "Stem Width", 64, NetworkLimits.MAX_STEM_WIDTH);
        int groups = bounded(r, m, "norm groups", "Norm Groups", 32, NetworkLimits.MAX_STEM_WIDTH);
        int classes = bounded(r, m, "classes", "Classes", 1000, NetworkLimits.MAX_CLASSES);
        m.all().stream().filter(e -> !NETWORK_KEYS.contains(Keys.canonical(e.key()))).forEach(e -> r.error(
                e.keyNode(), "unknown Network key " + quote(e.key()) + " (known: Format, Family, Block Units, "
                        + "Width Factor, Stem Width, Norm Groups, Classes)"));
        if ((stem * width) % groups != 0) {
            r.error(node, "Network: Norm Groups (" + groups + ") must divide the stem width x width factor ("
                    + stem * width + ")");
            return Optional.empty();
        }
        return units.filter(u -> !u.isEmpty()).map(u -> new NetworkSpec(family, u, width, stem, groups,
                classes)).filter(spec -> NetworkLimits.checkSize(r, node, spec));
    }

    private static int bounded(NodeReader r, NodeReader.Entries m, String key, String label, int absent, int max) {
        return m.get(key).flatMap(n -> r.positiveInt(n, "Network." + label).filter(v -> {
            if (v <= max) {
                return true;
            }
            r.error(n, "Network." + label + " must be at most " + max + ", found " + v);
            return false;
        })).orElse(absent);
    }
}
