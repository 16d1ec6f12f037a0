package dev.zoo.metadata;

import java.util.Locale;

/**
 * How cards ({@code zoo show}, the web) describe a model's network: its format, architecture and input. The format is
 * the one the catalogue states, else the one the weights' name suggests; the file's content decides when it is loaded.
 */
public final class NetworkDescription {

    private NetworkDescription() {
    }

    public static String of(Model m) {
        int size = EvalRecipe.of(m).imageSize();
        String input = String.format(Locale.ROOT, "; input 3 x %d x %d", size, size);
        ModelFormat expected = m.format().or(() -> WeightsKind.ofUrl(m.weights()).format()).orElse(null);
        if (m.networkSpec().isPresent() && (expected == null || expected == ModelFormat.NPZ)) {
            NetworkSpec n = m.networkSpec().get();
            return String.format(Locale.ROOT, "%s: %s %s, width x%d, stem %d, %d GroupNorm groups, %d classes: "
                            + "%,d parameters in %d arrays%s: %sMACs (multiply-adds; %sFLOPs)",
                    ModelFormat.NPZ.description(), n.family(), n.blockUnits(), n.widthFactor(), n.stemWidth(),
                    n.normGroups(), n.classes(), n.parameterCount(), n.weightArrayCount(), input,
                    ArchitectureCheck.giga(n.multiplyAdds(size)), ArchitectureCheck.giga(2 * n.multiplyAdds(size)));
        }
        if (expected != null && expected != ModelFormat.NPZ) {
            return expected.description() + ": the file carries the architecture; its classes are read from its output"
                    + input;
        }
        return "read from the weights file when it is loaded (BiT .npz, TorchScript or ONNX; an .npz also needs a "
                + "Network entry)" + input;
    }
}
