package dev.zoo.results;

import dev.zoo.registry.Database;
import dev.zoo.registry.DatabaseException;
import dev.zoo.registry.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code runs} and {@code run_results} tables. */
public final class RunRepository {

    private static final String COLUMNS = "id, model_id, status, dataset, split, data_path, data_fingerprint, subset, "
            + "image_count, recipe, device, batch_size, threads, weights_sha256, zoo_version, djl_version, "
            + "torch_version, host, images_per_second, started_at, finished_at, error";

    private final Database db;

    public RunRepository(Database db) {
        this.db = db;
    }

    /** Records a run that starts now (status RUNNING) and returns its ID. */
    public long start(Run run) throws DatabaseException {
        return Sql.inTransaction(db, "recording a run of " + run.modelId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (model_id, status, dataset, split, "
                    + "data_path, data_fingerprint, subset, image_count, recipe, device, batch_size, threads, "
                    + "weights_sha256, zoo_version, djl_version, torch_version, host, started_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                Object[] values = {run.modelId(), Run.Status.RUNNING.name(), run.dataset(), run.split(),
                        run.dataPath(), run.dataFingerprint(), run.subset(), run.imageCount(), run.recipe(),
                        run.device(), run.batchSize(), run.threads(), run.weightsSha256(), run.zooVersion(),
                        run.djlVersion(), run.torchVersion(), run.host(),
                        (run.startedAt() == null ? Instant.now() : run.startedAt()).atOffset(java.time.ZoneOffset.UTC)};
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no ID for the new run");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** A resumed run is running again. */
    public void markRunning(long runId) throws DatabaseException {
        Sql.inTransaction(db, "resuming run " + runId, c -> Sql.update(c, "UPDATE runs SET status = ?, error = NULL "
                + "WHERE id = ?", Run.Status.RUNNING.name(), runId));
    }

    /** Ends a run: its status, measured metrics, throughput and error (if any) in one transaction. */
    public void finish(long runId, Run.Status status, List<Run.Measurement> results, Integer imageCount,
                       Double imagesPerSecond, String error) throws DatabaseException {
        Sql.inTransaction(db, "finishing run " + runId, c -> {
            int n = Sql.update(c, "UPDATE runs SET status = ?, finished_at = ?, image_count = COALESCE(?, image_count),"
                    + " images_per_second = ?, error = ? WHERE id = ?", status.name(), Instant.now(), imageCount,
                    imagesPerSecond, error, runId);
            if (n == 0) {
                throw new SQLException("no run " + runId);
            }
            Sql.update(c, "DELETE FROM run_results WHERE run_id = ?", runId);
            for (Run.Measurement m : results) {
                Sql.update(c, "INSERT INTO run_results (run_id, dataset, metric, val) VALUES (?, ?, ?, ?)", runId,
                        m.dataset(), m.metric(), m.value());
            }
            return null;
        });
    }

    public Optional<Run> find(long runId) throws DatabaseException {
        List<Run> runs = query("reading run " + runId, "WHERE id = ?", runId);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** A model's runs, newest first. */
    public List<Run> forModel(String modelId) throws DatabaseException {
        return query("listing the runs of " + modelId, "WHERE model_id = ? ORDER BY started_at DESC, id DESC", modelId);
    }

    /** The latest completed run of a model, optionally only among runs on one data folder. */
    public Optional<Run> latestCompleted(String modelId, java.nio.file.Path dataPath) throws DatabaseException {
        String path = dataPath == null ? null : dataPath.toAbsolutePath().toString();
        return forModel(modelId).stream()
                .filter(r -> r.status() == Run.Status.COMPLETED)
                .filter(r -> path == null || path.equals(r.dataPath()))
                .findFirst();
    }

    /** The latest completed run of every model, keyed by model ID (one query, for the results table). */
    public java.util.Map<String, Run> latestCompleted() throws DatabaseException {
        List<Run> runs = query("reading the latest runs", "WHERE id IN (SELECT MAX(id) FROM runs WHERE status = "
                + "'COMPLETED' GROUP BY model_id)");
        java.util.Map<String, Run> out = new java.util.LinkedHashMap<>();
        runs.forEach(r -> out.put(r.modelId(), r));
        return out;
    }

    /**
     * Changes whenever a run is added or finishes (in this process or another): count, last ID, last finish time.
     * Cheap enough to ask on every request of a cached view.
     */
    public String changeStamp() throws DatabaseException {
        return Sql.inTransaction(db, "reading the runs' change stamp", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(id), MAX(finished_at) FROM runs");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getLong(2) + "/" + Sql.instant(rs, 3);
            }
        });
    }

    /** Stores a run measured elsewhere (uploaded by CI) as completed, with its results; returns its ID. */
    public long insertCompleted(Run run) throws DatabaseException {
        long id = start(run);
        finish(id, Run.Status.COMPLETED, run.results(), run.imageCount(), run.imagesPerSecond(), run.error());
        return id;
    }

    /** Runs matching {@code where}, with their results: two queries however many runs match. */
    private List<Run> query(String what, String where, Object... params) throws DatabaseException {
        return Sql.inTransaction(db, what, c -> {
            List<Run> runs = new ArrayList<>();
            try (PreparedStatement ps = Sql.bind(c, "SELECT " + COLUMNS + " FROM runs " + where, params);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
            if (runs.isEmpty()) {
                return runs;
            }
            java.util.Map<Long, List<Run.Measurement>> results = new java.util.HashMap<>();
            String ids = "SELECT id FROM runs " + where.replaceAll("(?i)\\s+ORDER BY.*$", "");
            try (PreparedStatement ps = Sql.bind(c, "SELECT run_id, dataset, metric, val FROM run_results WHERE run_id "
                    + "IN (" + ids + ") ORDER BY run_id, dataset, metric", params); ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    results.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                            .add(new Run.Measurement(r.getString(2), r.getString(3), r.getDouble(4)));
                }
            }
            List<Run> out = new ArrayList<>(runs.size());
            for (Run run : runs) {
                out.add(withResults(run, results.getOrDefault(run.id(), List.of())));
            }
            return out;
        });
    }

    private static Run withResults(Run r, List<Run.Measurement> results) {
        return new Run(r.id(), r.modelId(), r.status(), r.dataset(), r.split(), r.dataPath(), r.dataFingerprint(),
                r.subset(), r.imageCount(), r.recipe(), r.device(), r.batchSize(), r.threads(), r.weightsSha256(),
                r.zooVersion(), r.djlVersion(), r.torchVersion(), r.host(), r.imagesPerSecond(), r.startedAt(),
                r.finishedAt(), r.error(), results);
    }

    private static Run read(ResultSet rs) throws SQLException {
        return new Run(rs.getLong("id"), rs.getString("model_id"),
                Run.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("dataset"),
                rs.getString("split"), rs.getString("data_path"), rs.getString("data_fingerprint"),
                rs.getString("subset"), Sql.integer(rs, "image_count"), rs.getString("recipe"), rs.getString("device"),
                Sql.integer(rs, "batch_size"), Sql.integer(rs, "threads"), rs.getString("weights_sha256"),
                rs.getString("zoo_version"), rs.getString("djl_version"), rs.getString("torch_version"),
                rs.getString("host"), Sql.decimal(rs, "images_per_second"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "finished_at"), rs.getString("error"), List.of());
    }

}
