package dev.zoo.networks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import dev.zoo.metadata.ModelFormat;
import dev.zoo.metadata.arch.Architecture;

/** Which DJL engine runs a format, what a run records of it, and whether it can use a GPU here. */
public final class Runtimes {

    private Runtimes() {
    }

    /** The DJL engine that runs a format (Zoo's own ResNetV2 is built on PyTorch). */
    public static String engine(ModelFormat format) {
        return format == ModelFormat.ONNX ? "OnnxRuntime" : "PyTorch";
    }

    /** What a run's provenance says ran the network: "ONNX on OnnxRuntime 1.21.1". */
    public static String describe(ModelFormat format) {
        return describe(format, null);
    }

    /**
     * As {@link #describe(ModelFormat)}, for a network Zoo builds from the file's weights: "BiT ResNetV2 (.npz) on
     * PyTorch 2.7.1", "ResNet (PyTorch checkpoint) on PyTorch 2.7.1".
     */
    public static String describe(ModelFormat format, Architecture built) {
        String engine = engine(format);
        String what = built == null || format == ModelFormat.NPZ ? format.description()
                : built.title() + " (" + format.description() + ")";
        return what + " on " + engine + " " + Engine.getEngine(engine).getVersion();
    }

    /**
     * Null when {@code format} can run on {@code device}, else why not. ONNX Runtime's CPU build (the one Zoo ships)
     * has no CUDA provider, and DJL would then run the session on the CPU while the run said GPU.
     */
    public static String unavailable(ModelFormat format, Device device) {
        if (format != ModelFormat.ONNX || !device.isGpu()
                || Engine.getEngine(engine(format)).hasCapability(StandardCapabilities.CUDA)) {
            return null;
        }
        return "this Zoo has ONNX Runtime's CPU build, which cannot use " + device + "; build Zoo with "
                + "-Donnxruntime.artifact=onnxruntime_gpu -Donnxruntime.version=1.21.0 (README, \"Models from other "
                + "frameworks\"), or run with --device cpu";
    }
}
