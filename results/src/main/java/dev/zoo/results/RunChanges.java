package dev.zoo.results;

import dev.zoo.core.Database;
import dev.zoo.core.Sql;
import dev.zoo.core.ZooException;
import dev.zoo.metadata.Metric;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Removing and relabelling runs, each change kept in {@code run_changes} with who made it and why, after the run
 * itself is gone. Relabelling only ever takes vouching away ({@link Origin#REPORTED}): Zoo never promotes a number it
 * cannot reproduce.
 */
public final class RunChanges {

    /** One change, as the audit keeps it. */
    public record Change(long runId, String modelId, Action action, String detail, String reason, String by,
                         Instant at) {
    }

    public enum Action {
        REMOVED, RELABELLED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Database db;
    private final RunRepository runs;

    public RunChanges(Database db) {
        this.db = db;
        this.runs = new RunRepository(db);
    }

    /**
     * Removes a run with its results and predictions, keeping what it said in the audit. A running run, and a shard
     * whose evaluation was merged (the merged run stands on it), are refused.
     */
    public Change remove(long runId, String reason, String by) {
        Run run = existing(runId);
        requireReason(reason);
        if (run.status() == Run.Status.RUNNING) {
            throw ZooException.usage("run #" + runId + " is running: stop it first (a run killed part-way shows as "
                    + "interrupted)");
        }
        if (run.shard() != null && !run.shard().merged()) {
            Optional<Run> merged = runs.ofEvaluation(run.shard().evaluation()).stream()
                    .filter(r -> r.shard().merged()).findFirst();
            if (merged.isPresent()) {
                throw ZooException.usage("run #" + runId + " is " + run.shard().label() + " of an evaluation merged "
                        + "into run #" + merged.get().id() + ": remove the merged run first");
            }
        }
        Change change = new Change(runId, run.modelId(), Action.REMOVED, summary(run), reason.strip(), by,
                Instant.now());
        Sql.inTransaction(db, "removing run " + runId, c -> {
            Sql.update(c, "UPDATE evaluations SET merged_run_id = NULL WHERE merged_run_id = ?", runId);
            Sql.update(c, "DELETE FROM runs WHERE id = ?", runId);   // results and predictions cascade
            record(c, change);
            return null;
        });
        return change;
    }

    /** Marks a run reported, not reproduced: its numbers leave the measured columns, exports and baselines. */
    public Change markReported(long runId, String reason, String by) {
        Run run = existing(runId);
        requireReason(reason);
        if (run.origin() == Origin.REPORTED) {
            throw ZooException.usage("run #" + runId + " is already " + Origin.REPORTED.description());
        }
        Change change = new Change(runId, run.modelId(), Action.RELABELLED, "origin " + run.origin().label()
                + " -> " + Origin.REPORTED.label(), reason.strip(), by, Instant.now());
        Sql.inTransaction(db, "relabelling run " + runId, c -> {
            Sql.update(c, "UPDATE runs SET origin = ? WHERE id = ?", Origin.REPORTED.label(), runId);
            record(c, change);
            return null;
        });
        return change;
    }

    /** The changes of a run (removed or not), oldest first. */
    public List<Change> of(long runId) {
        return read("WHERE run_id = ? ORDER BY id", runId);
    }

    /** The latest changes of every run, newest first. */
    public List<Change> recent(int limit) {
        return read("ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY");
    }

    private Run existing(long runId) {
        return runs.find(runId).orElseThrow(() -> ZooException.usage("no run " + runId + of(runId).stream()
                .filter(c -> c.action() == Action.REMOVED).findFirst().map(c -> " (removed " + c.at() + " by "
                        + c.by() + ": " + c.reason() + ")").orElse("")));
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ZooException.usage("say why (--reason TEXT): the change is kept with it");
        }
        if (reason.length() > 1000) {
            throw ZooException.usage("the reason is " + reason.length() + " characters long; at most 1000");
        }
    }

    /** What a removed run said, in one line: enough to know what was lost. */
    static String summary(Run run) {
        String dataset = run.scope().dataset();
        Run.Measurement top1 = run.measurement(dataset, Metric.TOP1);
        Run.Measurement top5 = run.measurement(dataset, Metric.TOP5);
        String text = "run #" + run.id() + " of " + run.modelId() + ", " + run.status().label() + " ("
                + run.origin().label() + "), " + run.scope().label()
                + (top1 == null ? "" : String.format(Locale.ROOT, ": top-1 %.2f", top1.value()))
                + (top5 == null ? "" : String.format(Locale.ROOT, ", top-5 %.2f", top5.value()))
                + (run.provenance().weightsSha256() == null ? "" : ", weights " + run.provenance().weightsSha256());
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }

    private static void record(java.sql.Connection c, Change change) throws java.sql.SQLException {
        Sql.update(c, "INSERT INTO run_changes (run_id, model_id, action, detail, reason, changed_by, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", change.runId(), change.modelId(), change.action().name(),
                change.detail(), change.reason(), change.by().length() <= 200 ? change.by()
                        : change.by().substring(0, 200), change.at().atOffset(ZoneOffset.UTC));
    }

    private List<Change> read(String where, Object... params) {
        return Sql.inTransaction(db, "reading the runs' changes", c -> {
            List<Change> out = new ArrayList<>();
            try (PreparedStatement ps = Sql.bind(c, "SELECT run_id, model_id, action, detail, reason, changed_by, "
                    + "changed_at FROM run_changes " + where, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getLong(1), rs.getString(2), Action.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), Sql.instant(rs, 7)));
                }
            }
            return out;
        });
    }
}
