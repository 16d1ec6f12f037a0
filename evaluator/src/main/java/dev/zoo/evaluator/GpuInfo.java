package dev.zoo.evaluator;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a run's GPUs are, for its provenance: each device's model and driver (from {@code nvidia-smi}, when it is
 * there), the CUDA version libtorch was built for and each device's compute capability (from DJL).
 */
final class GpuInfo {

    private GpuInfo() {
    }

    static String describe(List<Device> devices) {
        Map<Integer, String> names = nvidiaSmi();
        List<String> parts = new ArrayList<>();
        for (Device d : devices) {
            if (!d.isGpu()) {
                continue;
            }
            String name = names.getOrDefault(d.getDeviceId(), "unknown model (no nvidia-smi)");
            parts.add("gpu:" + d.getDeviceId() + " " + name + ", compute capability "
                    + capability(d.getDeviceId()));
        }
        return clip(String.join("; ", parts) + "; CUDA " + cuda(), 1000);
    }

    /** index → "NVIDIA H100 80GB HBM3, driver 550.54.15", as nvidia-smi lists the GPUs. */
    private static Map<Integer, String> nvidiaSmi() {
        Map<Integer, String> out = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,driver_version",
                    "--format=csv,noheader").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return out;
            }
            for (String line : text.strip().split("\n")) {
                String[] f = line.split(",");
                if (f.length >= 3) {
                    out.put(Integer.parseInt(f[0].strip()), f[1].strip() + ", driver " + f[2].strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return out;   // no nvidia-smi: the rest of the description still holds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String capability(int device) {
        try {
            return CudaUtils.getComputeCapability(device);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String cuda() {
        try {
            int v = CudaUtils.getCudaVersion();
            return v / 1000 + "." + v % 1000 / 10;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
