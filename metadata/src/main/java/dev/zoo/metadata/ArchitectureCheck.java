package dev.zoo.metadata;

import dev.zoo.metadata.arch.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares what a model's metadata claim with what its architecture implies: the exact parameter count, the
 * multiply-adds at the recipe's input size (for FLOPs), and the size of an uncompressed float32 BiT {@code .npz} (4
 * bytes per weight plus ~300 bytes of headers per array).
 */
public final class ArchitectureCheck {

    /** Relative difference beyond which metadata and architecture are said to disagree. */
    public static final double TOLERANCE = 0.001;

    private ArchitectureCheck() {
    }

    public static List<Diagnostic> check(Model model) {
        List<Diagnostic> out = new ArrayList<>();
        formatAgainstName(model).ifPresent(out::add);
        model.architecture().ifPresent(spec -> {
            Long params = model.metadata().parameters();
            if (params != null && disagree(params, spec.parameterCount())) {
                out.add(Diagnostic.warning(model.positionOf("Metadata.Parameters"), String.format(Locale.ROOT,
                        "%s: Parameters %,d differ by %.2f%% from the %,d of %s", model.id(), params,
                        100.0 * relative(params, spec.parameterCount()), spec.parameterCount(), describe(spec))));
            }
            flopsProblem(model, spec).ifPresent(out::add);
            Long size = model.metadata().fileSize();
            boolean npz = WeightsKind.ofUrl(model.weights()) == WeightsKind.NPZ;
            if (size != null && npz && spec instanceof NetworkSpec bit && disagree(size, bit.expectedNpzSize())) {
                out.add(Diagnostic.warning(model.positionOf("Metadata.File Size"), String.format(Locale.ROOT,
                        "%s: File Size %,d differs by %.2f%% from the ~%,d bytes of a float32 .npz with %,d "
                                + "parameters in %d arrays", model.id(), size,
                        100.0 * relative(size, bit.expectedNpzSize()), bit.expectedNpzSize(),
                        bit.parameterCount(), bit.weightArrayCount())));
            }
        });
        return out;
    }

    /** Relative difference within which a catalogue's FLOPs count as the architecture's MACs or FLOPs. */
    public static final double FLOPS_TOLERANCE = 0.10;

    /**
     * Catalogues write "FLOPs" for multiply-adds (MACs) as often as for floating-point operations (twice as many);
     * a value that fits neither, at the recipe's input size, is wrong or for another input.
     */
    private static Optional<Diagnostic> flopsProblem(Model model, Architecture spec) {
        Long flops = model.metadata().flops();
        if (flops == null) {
            return Optional.empty();
        }
        int size = EvalRecipe.of(model).imageSize();
        long macs = spec.multiplyAdds(size);
        if (relative(flops, macs) <= FLOPS_TOLERANCE || relative(flops, 2 * macs) <= FLOPS_TOLERANCE) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.warning(model.positionOf("Metadata.FLOPs"), String.format(Locale.ROOT,
                "%s: FLOPs %,d fit neither the %s multiply-adds (MACs) of %s at %d x %d px nor the %s FLOPs (2 per "
                        + "multiply-add), within %.0f%%", model.id(), flops, giga(macs), describe(spec), size, size,
                giga(2 * macs), 100 * FLOPS_TOLERANCE)));
    }

    /** "18.77 G". */
    static String giga(long n) {
        return String.format(Locale.ROOT, "%.2f G", n / 1e9);
    }

    /** A declared format the weights URL's ending contradicts: Zoo goes by the content, but one of them is wrong. */
    private static Optional<Diagnostic> formatAgainstName(Model model) {
        if (model.weights() == null || model.network() == null) {
            return Optional.empty();
        }
        WeightsKind byName = WeightsKind.ofUrl(model.weights());
        ModelFormat declared = model.network().format();
        if (!byName.says() || byName.format().equals(Optional.of(declared))) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.warning(model.positionOf("Weights"), model.id() + ": the Weights "
                + "file's name suggests " + byName.description() + ", but Network.Format says " + declared.label()
                + " (Zoo reads the file's content, and refuses a mismatch)"));
    }

    static String describe(Architecture spec) {
        return spec instanceof NetworkSpec bit ? String.format(Locale.ROOT, "%s %s width x%d, stem %d, %d classes",
                bit.family(), bit.blockUnits(), bit.widthFactor(), bit.stemWidth(), bit.classes())
                : spec.describe() + ", " + spec.classes() + " classes";
    }

    private static double relative(long claimed, long expected) {
        return Math.abs(claimed - expected) / (double) expected;
    }

    private static boolean disagree(long claimed, long expected) {
        return relative(claimed, expected) > TOLERANCE;
    }
}
