package dev.zoo.networks;

import ai.djl.Device;
import dev.zoo.metadata.ModelFormat;
import dev.zoo.metadata.NetworkSpec;
import dev.zoo.metadata.arch.Architecture;
import dev.zoo.metadata.arch.ResNetArchitecture;
import dev.zoo.networks.resnet.ResNetNetwork;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.tensors.NpzReader;
import dev.zoo.networks.tensors.Safetensors;
import dev.zoo.networks.tensors.TensorSource;
import dev.zoo.networks.tensors.TorchCheckpoint;
import dev.zoo.networks.tensors.WeightsFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Where the families plug in: each architecture's family ({@link Architecture#family()}) with its builder and the
 * weights formats it is built from. A file of another format is refused naming both, never guessed into a network.
 */
public final class NetworkLoader {

    /** Builds one family's network from its weights. */
    @FunctionalInterface
    private interface Builder {
        Classifier build(Architecture arch, String what, Path file, ModelFormat format, Device device,
                         Precision precision) throws WeightsFileException, WeightsMismatchException;
    }

    private record Family(Set<ModelFormat> formats, Builder builder) {
    }

    private static final Builder RESNET = (arch, what, file, format, device, precision) -> {
        try (TensorSource source = open(file, format)) {
            return ResNetNetwork.load(((ResNetArchitecture) arch).layout(), what, source, device, precision);
        }
    };

    private static final Map<String, Family> FAMILIES = Map.of(
            NetworkSpec.RESNETV2, new Family(Set.of(ModelFormat.NPZ), (arch, what, file, format, device, precision)
                    -> BitResNetV2.load((NetworkSpec) arch, file, device, BitResNetV2.Options.BIT, precision)),
            ResNetArchitecture.RESNET, new Family(Set.of(ModelFormat.CHECKPOINT, ModelFormat.SAFETENSORS), RESNET),
            ResNetArchitecture.SENET, new Family(Set.of(ModelFormat.CHECKPOINT, ModelFormat.SAFETENSORS), RESNET));

    private NetworkLoader() {
    }

    /** The weights formats Zoo builds the network from (none for a family it has no builder for). */
    public static Set<ModelFormat> builtFrom(Architecture arch) {
        Family family = FAMILIES.get(arch.family());
        return family == null ? Set.of() : family.formats();
    }

    /** True when Zoo has a builder for the family (every family metadata lays out has one). */
    public static boolean builds(Architecture arch) {
        return FAMILIES.containsKey(arch.family());
    }

    /**
     * The network {@code arch} of the weights in {@code file}, whose content is {@code format}, on {@code device}.
     *
     * @param what names the network in messages: the model and its architecture
     */
    public static Classifier load(Architecture arch, String what, Path file, ModelFormat format, Device device,
                                  Precision precision) throws WeightsFileException, WeightsMismatchException {
        Family family = FAMILIES.get(arch.family());
        if (family == null) {
            throw new IllegalStateException("no builder for the " + arch.family() + " family");
        }
        if (!family.formats().contains(format)) {
            throw new WeightsMismatchException(file + " is " + format.withArticle() + " file, and " + what
                    + " is built from " + String.join(" or ", family.formats().stream().map(ModelFormat::withArticle)
                    .sorted().toList()));
        }
        return family.builder().build(arch, what, file, format, device, precision);
    }

    /** The tensors of a weights file of a format Zoo builds networks from. */
    public static TensorSource open(Path file, ModelFormat format) throws WeightsFileException {
        return switch (format) {
            case NPZ -> new NpzReader(file);
            case CHECKPOINT -> TorchCheckpoint.open(file);
            case SAFETENSORS -> Safetensors.open(file);
            default -> throw new IllegalArgumentException(format + " holds a network, not weights to build one from");
        };
    }
}
