package dev.zoo.metadata;

import dev.zoo.metadata.arch.Architecture;
import dev.zoo.metadata.arch.ArchitectureTable;
import dev.zoo.metadata.arch.ResNetArchitecture;
import dev.zoo.metadata.arch.TimmModel;
import dev.zoo.metadata.arch.UnsupportedConfig;
import dev.zoo.metadata.arch.WeightsFacts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Zoo knows of a model's network before its weights are downloaded: the architecture it builds (from the card's
 * {@code Network} entry, or timm's table for the card's {@code ID}), the facts timm's config gives for the card's
 * weights file, or why Zoo cannot evaluate it. The weights decide, not the name alone: a card whose file timm knows as
 * another model's weights is refused, and facts are taken only for the file the card names.
 *
 * @param architecture what Zoo builds; null for a model whose file carries its network (TorchScript, ONNX) or whose
 *                     network only the file can tell
 * @param timm         the model of timm's table the ID names; null when none
 * @param facts        timm's config for the card's weights file; null when timm does not know the file
 * @param refusal      why Zoo cannot evaluate the model, known before any download; null when it can try
 */
public record ModelArchitecture(Architecture architecture, TimmModel timm, WeightsFacts facts, String refusal) {

    /** The network classes Zoo builds, as timm names them, with what builds them. */
    public static final List<String> BUILT = List.of("ResNet", "SENet", "ResNetV2");
    /** timm's default number of classes, for a weights file its config does not know. */
    private static final int TIMM_CLASSES = 1000;

    private static final Map<Model, ModelArchitecture> CACHE = new ConcurrentHashMap<>();
    private static final ModelArchitecture NONE = new ModelArchitecture(null, null, null, null);

    /** The resolution of {@code m} (computed once per model). */
    public static ModelArchitecture of(Model m) {
        return CACHE.computeIfAbsent(m, ModelArchitecture::resolve);
    }

    public Optional<Architecture> built() {
        return Optional.ofNullable(architecture);
    }

    private static ModelArchitecture resolve(Model m) {
        ModelArchitecture found = withWeights(m);
        // a card without weights still shows the network its ID names; it cannot be evaluated
        return m.weights() == null ? new ModelArchitecture(found.architecture(), found.timm(), null,
                "no weights published") : found;
    }

    private static ModelArchitecture withWeights(Model m) {
        if (m.network() != null) {   // the card says what the network is
            return m.network().resnet() == null ? NONE : new ModelArchitecture(m.network().resnet(), null, null, null);
        }
        WeightsKind kind = WeightsKind.ofUrl(m.weights());
        ArchitectureTable table = ArchitectureTable.get();
        TimmModel named = table.find(m.id()).orElse(null);
        List<TimmModel> owners = m.weights() == null ? List.of() : table.ownersOf(m.weights());
        TimmModel timm = owners.stream().filter(o -> named != null && o.name().equals(named.name())).findFirst()
                .orElse(named);   // the version of the name that has these weights
        if (!owners.isEmpty() && (named == null || owners.stream().noneMatch(o -> o.name().equals(named.name())))) {
            // the weights decide: timm knows the file as another model's; the same network under another name is
            // that model (its facts are the file's), any other network is refused
            TimmModel same = owners.stream().filter(o -> named == null || sameNetwork(o, named)).findFirst()
                    .orElse(null);
            if (same == null) {
                TimmModel owner = owners.get(0);
                return new ModelArchitecture(null, named, null, "its weights file " + WeightsFacts.fileName(
                        m.weights()) + " is timm's weights of " + owner.name() + " (" + owner.code() + "), not of "
                        + m.id() + ": Zoo will not evaluate " + owner.name() + "'s weights as " + m.id());
            }
            timm = same;
        }
        if (kind == WeightsKind.ONNX || kind == WeightsKind.TORCHSCRIPT) {
            return new ModelArchitecture(null, timm, null, null);   // an export carries its network
        }
        if (timm == null) {
            return kind.weightsWithoutNetwork() ? new ModelArchitecture(null, null, null, "Zoo does not know the "
                    + "network of '" + m.id() + "': it is no timm model name, and " + kind.description() + " holds "
                    + "weights without their network (give the card timm's model name as its ID, or export the "
                    + "model to TorchScript or ONNX)") : NONE;
        }
        WeightsFacts facts = m.weights() == null ? null : timm.weightsFor(m.weights()).orElse(null);
        if (timm.className() == null || !BUILT.contains(timm.className())) {
            return new ModelArchitecture(null, timm, facts, "timm architecture " + timm.describe()
                    + " is not implemented; Zoo builds " + String.join(", ", BUILT.subList(0, BUILT.size() - 1))
                    + " and " + BUILT.get(BUILT.size() - 1) + " (BiT)");
        }
        try {
            return new ModelArchitecture(architecture(timm, classes(timm, facts)), timm, facts, null);
        } catch (UnsupportedConfig e) {
            // the file, not the model's name: the models it refuses share one reason
            return new ModelArchitecture(null, timm, facts, e.getMessage().contains(timm.code()) ? e.getMessage()
                    : e.getMessage() + " (" + timm.code() + ")");
        }
    }

    /** Two of timm's names for one network: the same class and configuration (their weights may differ). */
    private static boolean sameNetwork(TimmModel a, TimmModel b) {
        return Objects.equals(a.className(), b.className()) && a.config().equals(b.config())
                && a.pruned().equals(b.pruned()) && !a.config().isEmpty();
    }

    /** Outputs of the head: the weights file's, else timm's one file's, else timm's default. */
    private static int classes(TimmModel timm, WeightsFacts facts) {
        if (facts != null && facts.classes() != null) {
            return facts.classes();
        }
        return timm.weights().size() == 1 && timm.weights().values().iterator().next().classes() != null
                ? timm.weights().values().iterator().next().classes() : TIMM_CLASSES;
    }

    private static Architecture architecture(TimmModel timm, int classes) throws UnsupportedConfig {
        return switch (timm.className()) {
            case "ResNet" -> ResNetArchitecture.timm(timm.config(), timm.pruned(), classes);
            case "SENet" -> ResNetArchitecture.legacySenet(timm.config(), classes);
            case "ResNetV2" -> NetworkSpec.ofTimm(timm.config(), classes);
            default -> throw new UnsupportedConfig("timm architecture " + timm.describe() + " is not implemented");
        };
    }
}
