package dev.zoo.evaluator;

import dev.zoo.core.ZooException;
import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code --device}: {@code cpu}, {@code gpu} (every GPU DJL sees), {@code gpu:0,1}; default GPU when there is one. */
public final class Devices {

    private Devices() {
    }

    /** The GPUs DJL sees on this machine. */
    public static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    public static List<Device> parse(String spec) throws ZooException {
        int gpus = gpuCount();
        String s = spec == null ? (gpus > 0 ? "gpu" : "cpu") : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (!s.startsWith("gpu")) {
            throw new ZooException(ZooException.Kind.USAGE, "--device must be cpu, gpu or gpu:0,1,..., found '"
                    + spec + "'");
        }
        if (gpus == 0) {
            throw new ZooException(ZooException.Kind.USAGE, "--device " + spec + ": DJL sees no GPU here (a CUDA "
                    + "build of libtorch is needed; see the README's GPU section)");
        }
        List<Device> out = new ArrayList<>();
        if (s.equals("gpu")) {
            for (int i = 0; i < gpus; i++) {
                out.add(Device.gpu(i));
            }
            return out;
        }
        if (!s.startsWith("gpu:")) {
            throw new ZooException(ZooException.Kind.USAGE, "--device: expected gpu:0,1,..., found '" + spec + "'");
        }
        for (String part : s.substring(4).split(",")) {
            int id;
            try {
                id = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new ZooException(ZooException.Kind.USAGE, "--device: '" + part + "' is not a GPU number");
            }
            if (id < 0 || id >= gpus) {
                throw new ZooException(ZooException.Kind.USAGE, "--device: there is no GPU " + id + " (DJL sees "
                        + gpus + ")");
            }
            out.add(Device.gpu(id));
        }
        return out;
    }

    public static String describe(List<Device> devices) {
        return String.join(",", devices.stream().map(d -> d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu").toList());
    }
}
