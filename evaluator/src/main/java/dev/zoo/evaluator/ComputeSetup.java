package dev.zoo.evaluator;

import ai.djl.Device;
import dev.zoo.networks.Precision;
import dev.zoo.core.ZooException;
import java.util.List;
import java.util.Map;

/**
 * How a run computes, decided before it starts and recorded with it: the devices, the precision, where TF32 is
 * allowed, cuDNN's benchmark mode and the GPUs. DJL cannot switch TF32 itself: libtorch allows it for cuDNN
 * convolutions by default (as PyTorch does), NVIDIA's {@code NVIDIA_TF32_OVERRIDE=0} forbids it everywhere (the
 * {@code zoo} launcher sets it for {@code --precision fp32}), and {@code TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1} allows
 * it for matrix products too. What is recorded is what the environment made true.
 *
 * @param tf32           "off", "conv" or "conv+matmul" on a GPU; null on a CPU
 * @param cudnnBenchmark cuDNN's benchmark mode on a GPU; null on a CPU
 * @param gpu            model, driver and CUDA version of the GPUs used; null on a CPU
 */
public record ComputeSetup(List<Device> devices, Precision precision, String tf32, Boolean cudnnBenchmark,
                           String gpu) {

    public static final String TF32_OFF_VARIABLE = "NVIDIA_TF32_OVERRIDE";
    public static final String TF32_MATMUL_VARIABLE = "TORCH_ALLOW_TF32_CUBLAS_OVERRIDE";

    public ComputeSetup {
        devices = List.copyOf(devices);
    }

    public boolean onGpu() {
        return devices.stream().anyMatch(Device::isGpu);
    }

    /**
     * Resolves {@code --device}, {@code --precision} (null: what timm does by default there) and
     * {@code --cudnn-benchmark} against what this machine and its environment allow.
     */
    public static ComputeSetup resolve(String device, Precision requested, boolean cudnnBenchmark,
                                       Map<String, String> env) throws ZooException {
        return forDevices(Devices.parse(device), requested, cudnnBenchmark, env);
    }

    /**
     * The precision a run on {@code --device} will use, decided from the option's text alone: a cluster submission
     * plans on a machine without the GPUs its shards will use. Only without {@code --device} is this machine asked.
     */
    public static Precision precisionFor(String device, Precision requested) throws ZooException {
        boolean gpu = device == null ? Devices.gpuCount() > 0
                : device.strip().toLowerCase(java.util.Locale.ROOT).startsWith("gpu");
        Precision precision = requested != null ? requested : Precision.defaultFor(gpu);
        refuseUnavailable(precision, gpu);
        return precision;
    }

    /** As {@link #resolve}, for devices already chosen. */
    static ComputeSetup forDevices(List<Device> devices, Precision requested, boolean cudnnBenchmark,
                                   Map<String, String> env) throws ZooException {
        boolean gpu = devices.stream().anyMatch(Device::isGpu);
        Precision precision = requested != null ? requested : Precision.defaultFor(gpu);
        refuseUnavailable(precision, gpu);
        if (!gpu) {
            return new ComputeSetup(devices, precision, null, null, null);
        }
        boolean tf32Off = "0".equals(env.get(TF32_OFF_VARIABLE));
        if (precision == Precision.FP32 && !tf32Off) {
            throw ZooException.usage("--precision fp32 on a GPU needs " + TF32_OFF_VARIABLE + "=0 in the environment "
                    + "(DJL cannot switch off the TF32 convolutions libtorch allows by default; ./zoo sets it for "
                    + "--precision fp32)");
        }
        if (precision == Precision.TF32 && tf32Off) {
            throw ZooException.usage("--precision tf32, but " + TF32_OFF_VARIABLE + "=0 forbids TF32: unset it");
        }
        String tf32 = tf32Off ? "off" : "1".equals(env.get(TF32_MATMUL_VARIABLE)) ? "conv+matmul" : "conv";
        return new ComputeSetup(devices, precision, tf32, cudnnBenchmark, GpuInfo.describe(devices));
    }

    private static void refuseUnavailable(Precision precision, boolean gpu) throws ZooException {
        if (precision == Precision.BF16) {
            // measured: any bfloat16 tensor (toType or create) ends the JVM with "terminate called without an
            // active exception" inside DJL 0.36's PyTorch binding, on the CPU as on a GPU
            throw ZooException.usage("--precision bf16: DJL " + ai.djl.engine.Engine.getDjlVersion() + "'s PyTorch "
                    + "binding cannot make bfloat16 tensors (it aborts the process); use fp16 for 16-bit arithmetic");
        }
        if (!gpu && precision == Precision.TF32) {
            throw ZooException.usage("--precision tf32: TF32 is a mode of a GPU's tensor cores; on a CPU use "
                    + "fp32 (or fp16)");
        }
    }
}
