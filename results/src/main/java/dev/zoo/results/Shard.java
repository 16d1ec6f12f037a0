package dev.zoo.results;

/**
 * A run's part in a sharded evaluation.
 *
 * @param evaluation the evaluation's key: model, weights, recipe, the whole data's fingerprint and the number of shards
 * @param index      this shard (0 … count-1), or null for the merged run
 * @param count      how many shards the evaluation has
 */
public record Shard(String evaluation, Integer index, int count) {

    public boolean merged() {
        return index == null;
    }

    /** "shard 1/3" (0-based index), or "merged from 3 shards". */
    public String label() {
        return merged() ? "merged from " + count + " shards" : "shard " + index + "/" + count;
    }
}
