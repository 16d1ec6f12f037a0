package dev.zoo.web.view;

import dev.zoo.metadata.Metric;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.Scope;
import java.util.List;

/** A run page: its numbers, what they are about (scope), how they were measured (provenance), how it went. */
public record RunView(long id, String model, String modelHref, String status, String error, List<Metric> metrics,
                      String scope, List<Field> scopeFields, List<Field> provenance, List<Field> timing) {

    /** One measured number. */
    public record Metric(String dataset, String name, String value) {
    }

    /** A run in a model card's history. */
    public record Summary(long id, String href, String status, String scope, String top1, String top5, String rate,
                          String device, String started) {

        static Summary of(Run r) {
            String d = r.scope().dataset();
            return new Summary(r.id(), "/runs/" + r.id(), r.status().label(), r.scope().label(),
                    Display.num(r.measured(d, dev.zoo.metadata.Metric.TOP1), 2),
                    Display.num(r.measured(d, dev.zoo.metadata.Metric.TOP5), 2), Display.num(r.imagesPerSecond(), 1),
                    r.provenance().device() == null ? "" : r.provenance().device(), Display.date(r.startedAt()));
        }
    }

    public static RunView of(Run r) {
        Scope s = r.scope();
        Provenance p = r.provenance();
        List<Field> scope = List.of(Field.of("Dataset", s.known().map(k -> k.description()).orElse(
                        "a folder Zoo could not identify")), Field.of("Images in the dataset", Display.count(
                        s.datasetImages())), Field.of("Selected", Display.count(s.images())),
                Field.of("Selection", s.selection()), Field.of("Scored", Display.count(s.scored())),
                Field.of("Skipped (unreadable)", Display.count(s.skipped())),
                Field.of("Complete", s.complete() ? "yes" : "no"), Field.code("Data path", s.dataPath()),
                Field.code("Data fingerprint", s.fingerprint()), Field.code("Subset file", s.subset()));
        List<Field> provenance = List.of(Field.code("Recipe", p.recipe()), Field.code("Weights sha256",
                        p.weightsSha256()), Field.code("Label map", p.labelMap()), Field.of("Device", p.device()),
                Field.of("Batch", p.batchSize()), Field.of("Threads", p.threads()), Field.of("Zoo", p.zooVersion()),
                Field.of("DJL", p.djlVersion()), Field.of("libtorch", p.torchVersion()), Field.of("Host", p.host()));
        List<Field> timing = List.of(Field.of("Started", Display.date(r.startedAt())),
                Field.of("Finished", Display.date(r.finishedAt())),
                Field.of("Last sign of life", r.status() == Run.Status.COMPLETED ? null
                        : Display.date(r.heartbeatAt())),
                Field.of("Images/s", Display.num(r.imagesPerSecond(), 2)));
        return new RunView(r.id(), r.modelId(), Display.path("models", r.modelId()), r.status().label(), r.error(),
                r.results().stream().map(x -> new Metric(x.dataset(), x.metric(), Display.num(x.value(), 2)))
                        .toList(), s.label(), present(scope), present(provenance), present(timing));
    }

    private static List<Field> present(List<Field> fields) {
        return fields.stream().filter(Field::present).toList();
    }
}
