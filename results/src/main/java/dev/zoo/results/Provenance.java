package dev.zoo.results;

/**
 * How a run was measured: what makes two runs on the same images comparable (recipe, weights, label mapping) and what
 * explains a difference (device, batch, versions, host). Shared by runs, uploads and baselines.
 *
 * @param recipe   the preprocessing, e.g. "crop 480 (resize 480, crop_pct 1, bilinear), mean [0.5, ...], std [...]"
 * @param labelMap the --label-map file and its sha256 when the data's labels were mapped onto the network's classes
 * @param precision      fp32, tf32, bf16 or fp16 (null: fp32, runs recorded before Zoo had the choice)
 * @param tf32           where TF32 was allowed on the GPU: "conv", "conv+matmul", "off" (null on a CPU)
 * @param cudnnBenchmark whether cuDNN picked its algorithms by timing them (null on a CPU)
 * @param gpu            the GPUs: model, driver and CUDA versions (null on a CPU)
 * @param runtime        what ran the network: its format and engine, "ONNX on OnnxRuntime 1.21.1" (null: older runs)
 */
public record Provenance(String recipe, String weightsSha256, String labelMap, String device, Integer batchSize,
                         Integer threads, String zooVersion, String djlVersion, String torchVersion, String host,
                         String precision, String tf32, Boolean cudnnBenchmark, String gpu, String runtime) {

    /** What an upload or a test knows: the recipe and the device, nothing of how the process ran. */
    public static Provenance of(String recipe, String device) {
        return new Provenance(recipe, null, null, device, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    public static final Provenance NONE = of(null, null);

    /** The precisions a run may state (the evaluator's {@code Precision} labels). */
    public static final java.util.List<String> PRECISIONS = java.util.List.of("fp32", "tf32", "bf16", "fp16");
}
