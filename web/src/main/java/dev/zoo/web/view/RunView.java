package dev.zoo.web.view;

import dev.zoo.metadata.Metric;
import dev.zoo.core.Sha256;
import dev.zoo.results.Origin;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.RunChanges;
import dev.zoo.results.Scope;
import java.util.List;

/** A run page: its numbers, what they are about (scope), how they were measured (provenance), how it went. */
public record RunView(long id, String model, String modelHref, String status, String error, List<Metric> metrics,
                      String scope, String origin, List<Field> scopeFields, List<Field> provenance,
                      List<Field> timing, String evaluation, List<ShardRow> shards, AnalysisView analysis,
                      List<ChangeRow> changes) {

    /** A relabelling of the run, as the audit keeps it. */
    public record ChangeRow(String at, String what, String by, String reason) {

        static ChangeRow of(RunChanges.Change c) {
            return new ChangeRow(Display.date(c.at()), c.action().label() + ": " + c.detail(), c.by(), c.reason());
        }
    }

    /** One shard of a sharded evaluation, as its latest run left it (or not started). */
    public record ShardRow(String shard, String href, String run, String status, String images, String rate,
                           String host) {
    }

    /**
     * One measured number, with the images it is a proportion of ("2 of 50") and its 95 % Wilson interval.
     */
    public record Metric(String dataset, String name, String value, String images, String interval) {

        static Metric of(Run.Measurement x) {
            return new Metric(x.dataset(), x.metric(), Display.num(x.value(), 2), x.images() == null ? ""
                    : Display.count(x.hits()) + " of " + Display.count(x.images()),
                    x.interval() == null ? "" : x.interval().range());
        }
    }

    /** A run in a model card's history. */
    public record Summary(long id, String href, String status, String scope, String top1, String top5, String rate,
                          String device, String started) {

        static Summary of(Run r) {
            String d = r.scope().dataset();
            Run.Measurement top1 = r.measurement(d, dev.zoo.metadata.Metric.TOP1);
            return new Summary(r.id(), "/runs/" + r.id(), r.status().label(), r.scopeLabel(),
                    top1 == null ? "" : Display.num(top1.value(), 2) + (top1.interval() == null ? ""
                            : " " + top1.interval().plusMinus(top1.value())),
                    Display.num(r.measured(d, dev.zoo.metadata.Metric.TOP5), 2), Display.num(r.imagesPerSecond(), 1),
                    r.provenance().device() == null ? "" : r.provenance().device(), Display.date(r.startedAt()));
        }
    }

    /**
     * A run, with the runs of its sharded evaluation (newest first) when it is part of one, and what its predictions
     * tell (null: not asked).
     */
    public static RunView of(Run r, List<Run> evaluation, AnalysisView analysis, List<RunChanges.Change> changes) {
        Scope s = r.scope();
        Provenance p = r.provenance();
        List<Field> scope = List.of(Field.of("Dataset", s.known().map(k -> k.description()).orElse(
                        "a folder Zoo could not identify")), Field.of("Identified by", s.identification()),
                Field.of("Images in the dataset", Display.count(
                        s.datasetImages())), Field.of("Selected", Display.count(s.images())),
                Field.of("Selection", s.selection()), Field.of("Scored", Display.count(s.scored())),
                Field.of("Skipped (unreadable)", Display.count(s.skipped())),
                Field.of("Complete", s.complete() ? "yes" : "no"), Field.code("Data path", s.dataPath()),
                Field.code("Data fingerprint", s.fingerprint()), Field.code("Subset file", s.subset()));
        List<Field> provenance = Provenance.COLUMNS.shown(p).stream()
                .map(f -> f.code() ? Field.code(f.label(), f.value()) : Field.of(f.label(), f.value())).toList();
        Run.Throughput t = r.throughput();
        List<Field> timing = List.of(Field.of("Started", Display.date(r.startedAt())),
                Field.of("Finished", Display.date(r.finishedAt())),
                Field.of("Last sign of life", r.status() == Run.Status.COMPLETED ? null
                        : Display.date(r.heartbeatAt())),
                Field.of("Images/s", Display.num(r.imagesPerSecond(), 2)),
                Field.of("Decode could deliver (img/s)", t == null ? null : Display.num(t.decode(), 1)),
                Field.of("Devices could score (img/s)", t == null ? null : Display.num(t.device(), 1)),
                Field.of("Bottleneck", t == null ? null : t.bottleneck()));
        return new RunView(r.id(), r.modelId(), Display.path("models", r.modelId()), r.status().label(), r.error(),
                r.results().stream().map(Metric::of).toList(), r.scopeLabel(), originNote(r), present(scope),
                present(provenance), present(timing), evaluationLabel(r, evaluation), shards(r, evaluation),
                analysis, changes.stream().map(ChangeRow::of).toList());
    }

    /** Why an uploaded run's numbers are not the model's measured value (null for one Zoo can vouch for). */
    private static String originNote(Run r) {
        return switch (r.origin()) {
            case MEASURED -> null;
            case UPLOADED -> "Uploaded, not measured by this server: it names the weights digest, data fingerprint "
                    + "and recipe, so anyone can reproduce it.";
            case REPORTED -> "Reported, not reproduced: uploaded without the weights digest, data fingerprint and "
                    + "recipe that reproducing it takes (missing: " + Origin.missing(r.provenance().weightsSha256(),
                    r.scope().fingerprint(), r.provenance().recipe()) + "). Its numbers are shown here only: never "
                    + "as the model's measured value, in exports, baselines or the gate.";
        };
    }

    private static String evaluationLabel(Run r, List<Run> evaluation) {
        if (r.shard() == null) {
            return null;
        }
        Run merged = evaluation.stream().filter(x -> x.shard().merged()).findFirst().orElse(null);
        String head = "Evaluation " + Sha256.abbreviate(r.shard().evaluation()) + " in " + r.shard().count()
                + " shards";
        if (r.shard().merged()) {
            return head + ": this run merges them (numbers counted over every image's prediction).";
        }
        return head + ": this run is " + r.shard().label() + (merged == null ? "; not merged yet."
                : "; merged into run #" + merged.id() + ".");
    }

    private static List<ShardRow> shards(Run r, List<Run> evaluation) {
        if (r.shard() == null) {
            return List.of();
        }
        java.util.Map<Integer, Run> latest = new java.util.TreeMap<>();
        for (Run x : evaluation) {   // newest first
            if (!x.shard().merged()) {
                latest.putIfAbsent(x.shard().index(), x);
            }
        }
        List<ShardRow> rows = new java.util.ArrayList<>();
        Run merged = evaluation.stream().filter(x -> x.shard().merged()).findFirst().orElse(null);
        if (merged != null) {
            rows.add(new ShardRow("merged", "/runs/" + merged.id(), "#" + merged.id(), merged.status().label(),
                    Display.count(merged.scope().scored()), Display.num(merged.imagesPerSecond(), 2),
                    merged.provenance().host()));
        }
        for (int k = 0; k < r.shard().count(); k++) {
            Run x = latest.get(k);
            String name = "shard " + k + "/" + r.shard().count();
            rows.add(x == null ? new ShardRow(name, null, "", "not started", "", "", "")
                    : new ShardRow(name, "/runs/" + x.id(), "#" + x.id(), x.status().label(),
                    Display.count(x.scope().scored()) + " of " + Display.count(x.scope().images()),
                    Display.num(x.imagesPerSecond(), 2), x.provenance().host()));
        }
        return rows;
    }

    private static List<Field> present(List<Field> fields) {
        return fields.stream().filter(Field::present).toList();
    }
}
