package dev.zoo.evaluator;

import dev.zoo.evaluator.data.RealLabels;
import dev.zoo.evaluator.eval.Accuracy;
import dev.zoo.results.Prediction;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.Scope;
import dev.zoo.results.Shard;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The merged run of a sharded evaluation: top-1/top-5 (and ReaL) counted from every image's prediction, never by
 * averaging the shards' percentages, so it equals what one unsharded run gives; its scope is the whole evaluation's,
 * complete only when every shard scored every image.
 */
final class ShardMerge {

    private ShardMerge() {
    }

    /** Accuracy over the predictions, each image once, scored as the plan scores them. */
    static Accuracy accuracy(EvalJob.Plan plan, List<Prediction> predictions) {
        Accuracy a = new Accuracy();
        RealLabels real = plan.real();
        for (Prediction p : predictions) {
            plan.scoring().tally(a, p, real == null ? null : real.forImage(p.name()).orElse(null));
        }
        return a;
    }

    static Run merged(EvalJob.Plan plan, Shard shard, List<Run> shards, List<Prediction> predictions,
                      List<Run.Measurement> results) {
        int skipped = shards.stream().mapToInt(r -> r.scope().skipped() == null ? 0 : r.scope().skipped()).sum();
        Scope scope = plan.wholeScope().finished(predictions.size(), skipped);
        Provenance first = shards.get(0).provenance();
        // the first shard's provenance, but where the shards ran (devices, hosts, TF32, GPUs), which they differ in
        Map<String, Object> across = new HashMap<>();
        across.put("device", clip(shards.size() + " shards on " + distinct(shards, p -> p.device()), 100));
        across.put("host", clip(distinct(shards, p -> p.host()), 200));
        across.put("tf32", distinct(shards, p -> p.tf32()));
        across.put("gpu", clip(distinct(shards, p -> p.gpu()), 1000));
        Provenance provenance = first.with(across);
        Instant started = shards.stream().map(Run::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(Instant.now());
        Instant finished = shards.stream().map(Run::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(Instant.now());
        double seconds = Math.max(1e-3, Duration.between(started, finished).toMillis() / 1000.0);
        String note = skipped == 0 ? null : skipped + " unreadable image(s) skipped by the shards";
        return new Run(null, plan.model().id(), Run.Status.COMPLETED, scope, provenance,
                new Shard(shard.evaluation(), null, shard.count()), predictions.size() / seconds, null, started,
                finished, null, note, results);
    }

    /** The shards' distinct values, joined; null when none has one (as a CPU shard has no TF32 or GPU). */
    private static String distinct(List<Run> shards, java.util.function.Function<Provenance, String> field) {
        String joined = shards.stream().map(r -> field.apply(r.provenance())).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(", "));
        return joined.isEmpty() ? null : joined;
    }

    /** Within a column's width. */
    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
