package dev.zoo.results;

/**
 * How a run was measured: what makes two runs on the same images comparable (recipe, weights, label mapping) and what
 * explains a difference (device, batch, versions, host). Shared by runs, uploads and baselines.
 *
 * @param recipe   the preprocessing, e.g. "crop 480 (resize 480, crop_pct 1, bilinear), mean [0.5, ...], std [...]"
 * @param labelMap the --label-map file and its sha256 when the data's labels were mapped onto the network's classes
 */
public record Provenance(String recipe, String weightsSha256, String labelMap, String device, Integer batchSize,
                         Integer threads, String zooVersion, String djlVersion, String torchVersion, String host) {
}
