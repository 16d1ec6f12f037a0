package dev.zoo.metadata;

import dev.zoo.metadata.arch.Architecture;
import java.util.Locale;

/**
 * How cards ({@code zoo show}, the web) describe a model's network: its family and configuration, where that comes
 * from, its size, cost and input. The format is the one the catalogue states, else the one the weights' name suggests;
 * the file's content decides when it is loaded.
 */
public final class NetworkDescription {

    private NetworkDescription() {
    }

    public static String of(Model m) {
        int size = EvalRecipe.of(m).imageSize();
        String input = String.format(Locale.ROOT, "; input 3 x %d x %d", size, size);
        ModelArchitecture resolved = ModelArchitecture.of(m);
        ModelFormat expected = m.format().or(() -> WeightsKind.ofUrl(m.weights()).format()).orElse(null);
        Architecture a = resolved.architecture();
        if (a instanceof NetworkSpec n && (expected == null || expected.weightsOnly())) {
            return String.format(Locale.ROOT, "%s: %s %s, width x%d, stem %d, %d GroupNorm groups, %d classes: "
                            + "%,d parameters in %d arrays%s: %s", ModelFormat.NPZ.description(), n.family(),
                    n.blockUnits(), n.widthFactor(), n.stemWidth(), n.normGroups(), n.classes(), n.parameterCount(),
                    n.weightArrayCount(), input, cost(a, size));
        }
        if (a != null) {
            String timm = resolved.timm() == null ? "" : "timm's " + resolved.timm().describe() + ", ";
            return String.format(Locale.ROOT, "%s%s, %d classes: %,d parameters%s: %s (built by Zoo from a PyTorch "
                    + "checkpoint or safetensors)", timm, a.describe(), a.classes(), a.parameterCount(), input,
                    cost(a, size));
        }
        if (expected != null && !expected.weightsOnly()) {
            return expected.description() + ": the file carries the architecture; its classes are read from its output"
                    + input;
        }
        if (resolved.refusal() != null) {
            return resolved.refusal();
        }
        return "read from the weights file when it is loaded (BiT .npz, TorchScript or ONNX; an .npz also needs a "
                + "Network entry)" + input;
    }

    private static String cost(Architecture a, int size) {
        return ArchitectureCheck.giga(a.multiplyAdds(size)) + "MACs (multiply-adds; "
                + ArchitectureCheck.giga(2 * a.multiplyAdds(size)) + "FLOPs)";
    }
}
