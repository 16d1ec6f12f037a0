package dev.zoo.results;

import dev.zoo.metadata.KnownDataset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * timm's robustness table for the zoo: on each set of {@link KnownDataset#ROBUSTNESS}, every model's top-1/top-5, its
 * difference from the set's reference ({@link KnownDataset#reference()}: clean ImageNet-1k, or the clean 200-class
 * counterpart for A and R) and its change of rank, as timm's results give them: ranks by top-1 (then top-5, then
 * ID), {@code rankDiff} = rank on the reference minus rank on the set, so {@code +3} moved up three places. Measured
 * numbers (complete runs Zoo vouches for) and claimed ones are ranked each among their own kind, never mixed.
 */
public final class Robustness {

    /** A model's top-1 (and top-5, when known) on a set. */
    public record Value(double top1, Double top5) {
    }

    /**
     * Where a value stands: its rank among the models with a value on the set ({@code rank} of {@code of}, from 1), and
     * against the reference when the model has a value there too (else the differences are null).
     */
    public record Standing(Value value, int rank, int of, Double top1Diff, Double top5Diff, Integer rankDiff) {
    }

    /** One model on one set: claimed and measured, each with its standing, or null; the row measured comes from. */
    public record Row(String model, KnownDataset set, Standing claimed, Standing measured, ResultRow source) {
    }

    private final Map<KnownDataset, List<Row>> bySet;

    private Robustness(Map<KnownDataset, List<Row>> bySet) {
        this.bySet = bySet;
    }

    /** From the results table's rows (claimed beside measured, complete runs only) of every model. */
    public static Robustness of(List<ResultRow> rows) {
        Map<KnownDataset, Map<String, Value>> claimed = new EnumMap<>(KnownDataset.class);
        Map<KnownDataset, Map<String, Value>> measured = new EnumMap<>(KnownDataset.class);
        Map<KnownDataset, Map<String, ResultRow>> sources = new EnumMap<>(KnownDataset.class);
        for (ResultRow r : rows) {
            Optional<KnownDataset> set = KnownDataset.named(r.dataset()).filter(KnownDataset.ROBUSTNESS::contains);
            if (set.isEmpty()) {
                continue;
            }
            if (r.claimedTop1() != null) {
                claimed.computeIfAbsent(set.get(), k -> new LinkedHashMap<>()).put(r.model(),
                        new Value(r.claimedTop1(), r.claimedTop5()));
            }
            if (r.measuredTop1() != null) {
                measured.computeIfAbsent(set.get(), k -> new LinkedHashMap<>()).put(r.model(),
                        new Value(r.measuredTop1(), r.measuredTop5()));
            }
            sources.computeIfAbsent(set.get(), k -> new HashMap<>()).put(r.model(), r);
        }
        Map<KnownDataset, Map<String, Standing>> c = standings(claimed);
        Map<KnownDataset, Map<String, Standing>> m = standings(measured);
        Map<KnownDataset, List<Row>> bySet = new EnumMap<>(KnownDataset.class);
        for (KnownDataset set : KnownDataset.ROBUSTNESS) {
            Map<String, Standing> cs = c.getOrDefault(set, Map.of());
            Map<String, Standing> ms = m.getOrDefault(set, Map.of());
            List<Row> out = new ArrayList<>();
            sources.getOrDefault(set, Map.of()).forEach((model, source) -> {
                if (cs.containsKey(model) || ms.containsKey(model)) {
                    out.add(new Row(model, set, cs.get(model), ms.get(model), source));
                }
            });
            // measured first, best first; then what only a catalogue claims, best first
            out.sort(Comparator.comparing((Row r) -> r.measured() == null ? Integer.MAX_VALUE : r.measured().rank())
                    .thenComparing(r -> r.claimed() == null ? Integer.MAX_VALUE : r.claimed().rank())
                    .thenComparing(Row::model));
            bySet.put(set, List.copyOf(out));
        }
        return new Robustness(bySet);
    }

    /** Every model's row on {@code set}, measured best first, then claimed only. */
    public List<Row> set(KnownDataset set) {
        return bySet.getOrDefault(set, List.of());
    }

    /** A model's rows, a set at a time in {@link KnownDataset#ROBUSTNESS} order; sets it has nothing on left out. */
    public List<Row> model(String id) {
        List<Row> out = new ArrayList<>();
        for (KnownDataset set : KnownDataset.ROBUSTNESS) {
            set(set).stream().filter(r -> r.model().equals(id)).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** True when some model has a number (claimed or measured) on a set other than ImageNet-1k itself. */
    public boolean beyondImageNet() {
        return bySet.entrySet().stream().anyMatch(e -> e.getKey() != KnownDataset.IMAGENET && !e.getValue().isEmpty());
    }

    /**
     * Each set's values ranked, and taken from their reference set's values of the same models. Sets without values
     * are left out.
     */
    public static Map<KnownDataset, Map<String, Standing>> standings(Map<KnownDataset, Map<String, Value>> values) {
        Map<KnownDataset, Map<String, Integer>> ranks = new EnumMap<>(KnownDataset.class);
        values.forEach((set, byModel) -> ranks.put(set, ranks(byModel)));
        Map<KnownDataset, Map<String, Standing>> out = new EnumMap<>(KnownDataset.class);
        values.forEach((set, byModel) -> {
            Map<String, Value> ref = set.reference() == null ? Map.of() : values.getOrDefault(set.reference(), Map.of());
            Map<String, Integer> refRanks = set.reference() == null ? Map.of()
                    : ranks.getOrDefault(set.reference(), Map.of());
            Map<String, Standing> standing = new LinkedHashMap<>();
            byModel.forEach((model, v) -> {
                int rank = ranks.get(set).get(model);
                Value r = ref.get(model);
                standing.put(model, r == null ? new Standing(v, rank, byModel.size(), null, null, null)
                        : new Standing(v, rank, byModel.size(), v.top1() - r.top1(),
                        v.top5() == null || r.top5() == null ? null : v.top5() - r.top5(),
                        refRanks.get(model) - rank));
            });
            out.put(set, standing);
        });
        return out;
    }

    /** Places from 1: best top-1 first, then best top-5 (unknown last), then by ID so that ties rank the same way. */
    private static Map<String, Integer> ranks(Map<String, Value> byModel) {
        List<Map.Entry<String, Value>> sorted = new ArrayList<>(byModel.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, Value> e) -> -e.getValue().top1())
                .thenComparing(e -> e.getValue().top5() == null ? Double.POSITIVE_INFINITY : -e.getValue().top5())
                .thenComparing(Map.Entry::getKey));
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.put(sorted.get(i).getKey(), i + 1);
        }
        return out;
    }
}
