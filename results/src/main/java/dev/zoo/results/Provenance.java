package dev.zoo.results;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run was measured: what makes two runs on the same images comparable (recipe, weights, label mapping) and what
 * explains a difference (device, precision, batch, versions, host). Shared by runs, uploads and baselines. Each
 * component says its label and the longest text its column holds ({@link RunField}); {@link #COLUMNS} stores, reads,
 * shows and bounds them all, so a new component is this record, the code that knows its value, and a migration.
 *
 * @param recipe         the preprocessing, e.g. "crop 480 (resize 480, crop_pct 1, bilinear), mean [0.5, ...], std
 *                       [...]"
 * @param labelMap       the --label-map file and its sha256 when the data's labels were mapped onto the network's
 *                       classes
 * @param precision      fp32, tf32, bf16 or fp16 (null: not recorded, runs from before Zoo had the choice, or uploads)
 * @param tf32           where TF32 was allowed on the GPU: "conv", "conv+matmul", "off" (null on a CPU)
 * @param cudnnBenchmark whether cuDNN picked its algorithms by timing them (null on a CPU)
 * @param gpu            the GPUs: model, driver and CUDA versions (null on a CPU)
 * @param runtime        what ran the network: its format and engine, "ONNX on OnnxRuntime 1.21.1" (null: older runs)
 * @param spec           the evaluation's settings as {@link EvalSpecJson} (null: older runs, or uploads without one)
 * @param origin         where the numbers come from, an {@link Origin} label, set by Zoo (never by an upload)
 * @param catalogue      the catalogue file (absolute) that defined the model, when not the built-in one: the card
 *                       whose recipe was used, and what {@code zoo eval --resume RUN} loads again (null: built-in)
 * @param recipeChange   how the run's input differs from the card's recipe ({@code --image-size},
 *                       {@code --crop-pct}): such a run never stands beside a claim made at the card's; null when it
 *                       ran at the card's recipe
 */
public record Provenance(
        @RunField(label = "Recipe", code = true, max = 1000) String recipe,
        @RunField(label = "Weights sha256", code = true, max = 64) String weightsSha256,
        @RunField(label = "Label map", code = true, max = 4000) String labelMap,
        @RunField(label = "Device", max = 100) String device,
        @RunField(label = "Precision", max = 10) String precision,
        @RunField(label = "TF32", max = 40) String tf32,
        @RunField(label = "cuDNN benchmark") Boolean cudnnBenchmark,
        @RunField(label = "GPU", max = 1000) String gpu,
        @RunField(label = "Batch") Integer batchSize,
        @RunField(label = "Threads") Integer threads,
        @RunField(label = "Network runtime", max = 100) String runtime,
        @RunField(label = "Zoo", max = 50) String zooVersion,
        @RunField(label = "DJL", max = 50) String djlVersion,
        @RunField(label = "libtorch", max = 50) String torchVersion,
        @RunField(label = "Host", max = 200) String host,
        @RunField(label = "Evaluation spec", code = true, max = 4000) String spec,
        @RunField(label = "Origin", max = 20) String origin,
        @RunField(label = "Catalogue", code = true, max = 1000) String catalogue,
        @RunField(label = "Recipe changed", max = 200) String recipeChange) {

    /** Where each component is stored, how it is labelled and bounded. */
    public static final RecordColumns<Provenance> COLUMNS = RecordColumns.of(Provenance.class);

    /** What an upload, a test or a baseline knows: the recipe and the device, nothing of how the process ran. */
    public static Provenance of(String recipe, String device) {
        return comparable(recipe, null, null, device);
    }

    /** What a baseline keeps: what decides comparability, and the device. */
    public static Provenance comparable(String recipe, String weightsSha256, String labelMap, String device) {
        Map<String, Object> known = new HashMap<>();   // values may be null: not Map.of
        known.put("recipe", recipe);
        known.put("weightsSha256", weightsSha256);
        known.put("labelMap", labelMap);
        known.put("device", device);
        return NONE.with(known);
    }

    /** Nothing known. */
    public static final Provenance NONE = new Provenance(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    /** The precisions a run may state (the evaluator's {@code Precision} labels). */
    public static final List<String> PRECISIONS = List.of("fp32", "tf32", "bf16", "fp16");

    /** Where the numbers come from (null, as code before origins stored it: Zoo's own). */
    public Origin originKind() {
        return Origin.of(origin);
    }

    /** This provenance with the named components changed (the rest as they are). */
    public Provenance with(Map<String, ?> changes) {
        return COLUMNS.with(this, changes);
    }
}
