package dev.zoo.results;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.core.Database;
import dev.zoo.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code runs} and {@code run_results} tables. Every question is answered in SQL ("the latest complete run of a
 * model on ImageNet", "the unfinished runs on these images"), never by loading a model's whole history.
 */
public final class RunRepository {

    /** A running evaluation sends a heartbeat this often... */
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** ...and one silent for this long belongs to a process that is gone: it is shown as interrupted. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);

    /**
     * The runs table, in one place: the run's own columns, its scope's ({@link #scopeValues}, {@link #readScope}) and its
     * provenance's ({@link Provenance#COLUMNS}, one per component). Inserts and selects both use these lists.
     */
    private static final List<String> RUN_COLUMNS = List.of("model_id", "status", "images_per_second",
            "decode_images_per_second", "device_images_per_second", "started_at", "finished_at", "error",
            "evaluation_key", "shard_index", "shard_count");
    private static final List<String> SCOPE_COLUMNS = List.of("dataset", "split", "data_path", "data_fingerprint",
            "subset", "dataset_images", "image_count", "images_scored", "images_skipped", "complete", "identification");
    private static final List<String> STORED = concat(RUN_COLUMNS, SCOPE_COLUMNS, Provenance.COLUMNS.columns());
    private static final String COLUMNS = "id, " + String.join(", ", STORED) + ", heartbeat_at, "
            + "CURRENT_TIMESTAMP AS db_now";
    /** IN lists are bound this many IDs at a time (far below any database's limit on parameters). */
    private static final int IN_CHUNK = 500;
    /** Runs whose numbers Zoo can vouch for: not {@link Origin#REPORTED} (older rows without an origin are Zoo's). */
    private static final String VOUCHED = "(origin IS NULL OR origin <> '" + Origin.REPORTED.label() + "')";
    /** Runs at their card's recipe: one at another input size or crop never stands beside a claim. */
    private static final String AT_CARD_RECIPE = "recipe_change IS NULL";
    /** What the split column holds for "every image of the dataset" (older runs wrote "validation"). */
    private static final String ALL = "all";

    private final Database db;

    public RunRepository(Database db) {
        this.db = db;
    }

    /** The folder of the embedded database when its disk is full (a write failed for want of room). */
    public Optional<java.nio.file.Path> fullDisk() {
        return db.fullDisk();
    }

    /** Frees the space kept for recording how a run ended (see {@link Database#releaseSpaceReserve()}). */
    public boolean releaseSpaceReserve() {
        return db.releaseSpaceReserve();
    }

    /** Drops the pool's connections, so that the next is opened afresh (after H2 closed itself on a failed write). */
    public void reconnect() {
        db.reconnect();
    }

    /** Records a run that starts now (status RUNNING, heartbeat now) and returns its ID. */
    public long start(Run run) {
        return Sql.inTransaction(db, "recording a run of " + run.modelId(), c -> insert(c, run, Run.Status.RUNNING));
    }

    /**
     * A batch of predictions and the progress they make, in one transaction: whatever another machine reads (to show,
     * resume or merge) has the predictions the progress counts.
     */
    public void recordBatch(long runId, List<Prediction> batch, int scored, int skipped) {
        Sql.inTransaction(db, "recording predictions of run " + runId, c -> {
            if (!batch.isEmpty()) {
                insertPredictions(c, runId, batch);
            }
            return Sql.update(c, "UPDATE runs SET heartbeat_at = CURRENT_TIMESTAMP, images_scored = ?, "
                    + "images_skipped = ? WHERE id = ?", scored, skipped, runId);
        });
    }

    /** The predictions of a run, in image order. */
    public List<Prediction> predictions(long runId) {
        return Sql.inTransaction(db, "reading the predictions of run " + runId,
                c -> readPredictions(c, List.of(runId)));
    }

    /** A sign of life of a running evaluation, with how far it got. */
    public void heartbeat(long runId, int scored, int skipped) {
        Sql.inTransaction(db, "recording the progress of run " + runId, c -> Sql.update(c, "UPDATE runs SET "
                + "heartbeat_at = CURRENT_TIMESTAMP, images_scored = ?, images_skipped = ? WHERE id = ? AND status = ?",
                scored, skipped, runId, Run.Status.RUNNING.name()));
    }

    /** The batch size {@code --batch auto} settled on, once it is known. */
    public void recordBatchSize(long runId, int batchSize) {
        Sql.inTransaction(db, "recording the batch size of run " + runId, c -> Sql.update(c,
                "UPDATE runs SET batch_size = ? WHERE id = ?", batchSize, runId));
    }

    /** A resumed run is running again. */
    public void markRunning(long runId) {
        Sql.inTransaction(db, "resuming run " + runId, c -> Sql.update(c, "UPDATE runs SET status = ?, error = NULL, "
                + "heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?", Run.Status.RUNNING.name(), runId));
    }

    /**
     * Ends a run: its status, what was scored ({@code scope}, or null to keep the counts recorded so far), measured
     * metrics, throughput and error (if any), in one transaction.
     */
    public void finish(long runId, Run.Status status, Scope scope, List<Run.Measurement> results,
                       Double imagesPerSecond, Run.Throughput throughput, String error) {
        Double decode = throughput == null ? null : throughput.decode();
        Double device = throughput == null ? null : throughput.device();
        Sql.inTransaction(db, "finishing run " + runId, c -> {
            int n = scope == null
                    ? Sql.update(c, "UPDATE runs SET status = ?, finished_at = ?, images_per_second = ?, "
                    + "decode_images_per_second = ?, device_images_per_second = ?, error = ?, complete = FALSE "
                    + "WHERE id = ?", status.name(), Instant.now(), imagesPerSecond, decode, device, error, runId)
                    : Sql.update(c, "UPDATE runs SET status = ?, finished_at = ?, images_per_second = ?, "
                    + "decode_images_per_second = ?, device_images_per_second = ?, error = ?, images_scored = ?, "
                    + "images_skipped = ?, complete = ? WHERE id = ?", status.name(), Instant.now(),
                    imagesPerSecond, decode, device, error, scope.scored(), scope.skipped(),
                    status == Run.Status.COMPLETED && scope.complete(), runId);
            if (n == 0) {
                throw new SQLException("no run " + runId);
            }
            writeResults(c, runId, results);
            return null;
        });
    }

    /** Stores a run measured elsewhere (uploaded by CI) as completed, with its results; returns its ID. */
    public long insertCompleted(Run run) {
        return Sql.inTransaction(db, "storing an uploaded run of " + run.modelId(), c -> {
            long id = insert(c, run, Run.Status.COMPLETED);
            writeResults(c, id, run.results());
            return id;
        });
    }

    public Optional<Run> find(long runId) {
        return first(query("reading run " + runId, "WHERE id = ?", runId));
    }

    /** A model's runs, newest first. */
    public List<Run> forModel(String modelId) {
        return query("listing the runs of " + modelId, "WHERE model_id = ? ORDER BY id DESC", modelId);
    }

    /** The newest runs of every model, newest first. */
    public List<Run> recent(int limit) {
        return query("listing the latest runs", "ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY");
    }

    /**
     * The latest complete run of a model that measured {@code dataset} (a claim's dataset): "the" measured value.
     * A reported run is left out unless {@code reportedToo}.
     */
    public Optional<Run> latestComplete(String modelId, String dataset, boolean reportedToo) {
        return first(query("reading the latest complete run of " + modelId, "WHERE model_id = ? AND status = ? "
                        + "AND complete = TRUE AND " + AT_CARD_RECIPE + " " + (reportedToo ? "" : "AND " + VOUCHED
                        + " ") + "AND id IN "
                        + "(SELECT run_id FROM run_results WHERE dataset = ?) ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                modelId, Run.Status.COMPLETED.name(), dataset));
    }

    /**
     * The latest finished run of a model Zoo can vouch for (what a baseline records): only complete ones unless
     * {@code partialToo}, optionally only those that read {@code dataPath}.
     */
    public Optional<Run> latestFinished(String modelId, boolean partialToo, String dataPath) {
        List<Object> params = new ArrayList<>(List.of(modelId, Run.Status.COMPLETED.name()));
        StringBuilder where = new StringBuilder("WHERE model_id = ? AND status = ? AND " + VOUCHED);
        if (!partialToo) {
            where.append(" AND complete = TRUE");
        }
        if (dataPath != null) {
            where.append(" AND data_path = ?");
            params.add(dataPath);
        }
        return first(query("reading the latest run of " + modelId, where + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                params.toArray()));
    }

    /** The latest finished run of a model on exactly these images (data fingerprint); reported ones if asked. */
    public Optional<Run> latestOnImages(String modelId, String fingerprint, boolean reportedToo) {
        return first(query("reading the latest run of " + modelId + " on these images", "WHERE model_id = ? AND "
                + "status = ? AND data_fingerprint = ? " + (reportedToo ? "" : "AND " + VOUCHED + " ")
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", modelId, Run.Status.COMPLETED.name(), fingerprint));
    }

    /** Unfinished runs (running or interrupted) of a model with these weights, recipe and images, newest first. */
    public List<Run> unfinished(String modelId, String weightsSha256, String recipe, String fingerprint)
            {
        return query("looking for an unfinished run of " + modelId, "WHERE model_id = ? AND status IN (?, ?) AND "
                        + "weights_sha256 = ? AND recipe = ? AND data_fingerprint = ? ORDER BY id DESC", modelId,
                Run.Status.RUNNING.name(), Run.Status.INTERRUPTED.name(), weightsSha256, recipe, fingerprint);
    }

    /** The key of a folder's rows in {@link #latestPerDataset()}: one per folder (its data fingerprint). */
    public static String folderKey(String fingerprint) {
        return KnownDataset.FOLDER.label() + " " + fingerprint;
    }

    /** The dataset a key of {@link #latestPerDataset()} is about ("Folder" for a folder's key). */
    public static String datasetOf(String key) {
        return key.startsWith(KnownDataset.FOLDER.label() + " ") ? KnownDataset.FOLDER.label() : key;
    }

    /**
     * For every model and dataset it was measured on: its latest complete run and its latest run that is not complete
     * (partial, or on a folder), as {@link Latest}. Folders Zoo could not identify are not one dataset: each keeps its
     * own entry ({@link #folderKey}, by its data fingerprint), so a small folder never hides another. Two queries
     * however many runs there are.
     */
    public Map<String, Map<String, Latest>> latestPerDataset() {
        return Sql.inTransaction(db, "reading the latest runs", c -> {
            Map<Long, List<String[]>> wanted = new LinkedHashMap<>();   // run id -> (model, key, complete?)
            String folder = KnownDataset.FOLDER.label();
            // a reported run is never "the" measured value: it stands with the partial ones
            try (PreparedStatement ps = Sql.bind(c, "SELECT model_id, dataset, folder, measured, MAX(id) FROM (SELECT "
                    + "r.model_id, x.dataset, CASE WHEN x.dataset = ? THEN COALESCE(r.data_fingerprint, '') ELSE '' "
                    + "END AS folder, (r.complete AND " + VOUCHED.replace("origin", "r.origin") + " AND r."
                    + AT_CARD_RECIPE + ") AS measured, "
                    + "r.id FROM runs r JOIN run_results x ON x.run_id = r.id WHERE r.status = ?) t "
                    + "GROUP BY model_id, dataset, folder, measured", folder, Run.Status.COMPLETED.name());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataset = rs.getString(2);
                    String key = dataset.equals(folder) ? folderKey(rs.getString(3)) : dataset;
                    wanted.computeIfAbsent(rs.getLong(5), k -> new ArrayList<>()).add(new String[]{rs.getString(1),
                            key, Boolean.toString(rs.getBoolean(4))});
                }
            }
            Map<Long, Run> runs = new HashMap<>();
            for (Run r : byIds(c, new ArrayList<>(wanted.keySet()))) {
                runs.put(r.id(), r);
            }
            Map<String, Map<String, Latest>> out = new LinkedHashMap<>();
            wanted.forEach((id, keys) -> {
                for (String[] k : keys) {
                    Map<String, Latest> byDataset = out.computeIfAbsent(k[0], m -> new LinkedHashMap<>());
                    Latest before = byDataset.getOrDefault(k[1], Latest.NONE);
                    byDataset.put(k[1], Boolean.parseBoolean(k[2]) ? new Latest(runs.get(id), before.other())
                            : new Latest(before.complete(), runs.get(id)));
                }
            });
            out.values().forEach(m -> m.replaceAll((d, l) -> l.newestFirst()));
            return out;
        });
    }

    /**
     * A model's latest complete run on a dataset, and its latest run there that is not complete; {@code other} is kept
     * only when it is newer than {@code complete} (an older smoke test says nothing new).
     */
    public record Latest(Run complete, Run other) {
        static final Latest NONE = new Latest(null, null);

        Latest newestFirst() {
            return complete != null && other != null && other.id() < complete.id() ? new Latest(complete, null) : this;
        }
    }

    /**
     * Changes whenever a run is added, finishes, is removed or relabelled (in this process or another): count, last
     * ID, last finish time, last change.
     * Cheap enough to ask on every request of a cached view.
     */
    public String changeStamp() {
        return Sql.inTransaction(db, "reading the runs' change stamp", c -> {
            // a relabelling changes no run's count or times: the audit's last change says it
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(id), MAX(finished_at), "
                    + "(SELECT MAX(id) FROM run_changes) FROM runs"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getLong(2) + "/" + Sql.instant(rs, 3) + "/" + rs.getLong(4);
            }
        });
    }

    /** A run's values in {@link #STORED} order, as a run of {@code status}: what an insert and a rewrite store. */
    private static List<Object> storedValues(Run run, Run.Status status) {
        Shard shard = run.shard();
        Instant started = run.startedAt() == null ? Instant.now() : run.startedAt();
        Instant finished = status == Run.Status.COMPLETED ? (run.finishedAt() == null ? Instant.now()
                : run.finishedAt()) : null;
        List<Object> values = new ArrayList<>(Arrays.asList(run.modelId(), status.name(),
                run.imagesPerSecond(), run.throughput() == null ? null : run.throughput().decode(),
                run.throughput() == null ? null : run.throughput().device(), started.atOffset(ZoneOffset.UTC),
                finished == null ? null : finished.atOffset(ZoneOffset.UTC), run.error(),
                shard == null ? null : shard.evaluation(), shard == null ? null : shard.index(),
                shard == null ? null : shard.count()));
        values.addAll(scopeValues(run.scope(), status == Run.Status.COMPLETED && run.scope().complete()));
        values.addAll(Provenance.COLUMNS.values(run.provenance()));
        return values;
    }

    /** Rewrites every stored column of run {@code id} with {@code run}'s values (a merged run computed again). */
    private static void rewrite(Connection c, long id, Run run, Run.Status status) throws SQLException {
        List<Object> values = new ArrayList<>(storedValues(run, status));
        values.add(id);
        String set = String.join(", ", STORED.stream().map(col -> col + " = ?").toList());
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET " + set + " WHERE id = ?")) {
            setAll(ps, values);
            if (ps.executeUpdate() == 0) {
                throw new SQLException("no run " + id);
            }
        }
    }

    private static void setAll(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }

    private static long insert(Connection c, Run run, Run.Status status) throws SQLException {
        List<Object> values = storedValues(run, status);
        // the heartbeat is the database's time, as the staleness check compares it with the database's clock
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (" + String.join(", ", STORED)
                + ", heartbeat_at) VALUES (" + placeholders(STORED.size()) + ", CURRENT_TIMESTAMP)",
                Statement.RETURN_GENERATED_KEYS)) {
            setAll(ps, values);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no ID for the new run");
                }
                return keys.getLong(1);
            }
        }
    }

    /** A scope's values in {@link #SCOPE_COLUMNS} order. */
    private static List<Object> scopeValues(Scope s, boolean complete) {
        return Arrays.asList(s.dataset(), s.selection() == null ? ALL : s.selection(), s.dataPath(),
                s.fingerprint(), s.subset(), s.datasetImages(), s.images(), s.scored(), s.skipped(), complete,
                s.identification());
    }

    private static Scope readScope(ResultSet rs) throws SQLException {
        String split = rs.getString("split");
        String selection = split == null || split.equals(ALL) || split.equals("validation") ? null : split;
        return new Scope(rs.getString("dataset"), rs.getString("data_path"), rs.getString("data_fingerprint"),
                selection, rs.getString("subset"), Sql.integer(rs, "dataset_images"), Sql.integer(rs, "image_count"),
                Sql.integer(rs, "images_scored"), Sql.integer(rs, "images_skipped"), rs.getBoolean("complete"),
                rs.getString("identification"));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }

    /** Registers a sharded evaluation (once; later shards find it). */
    public void ensureEvaluation(Shard shard, String modelId, String fingerprint) {
        Sql.inTransaction(db, "registering evaluation " + shard.evaluation(), c -> {
            try (PreparedStatement ps = Sql.bind(c, "SELECT 1 FROM evaluations WHERE evaluation_key = ?",
                    shard.evaluation()); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return null;
                }
            }
            try {
                Sql.update(c, "INSERT INTO evaluations (evaluation_key, model_id, shard_count, data_fingerprint, "
                        + "created_at) VALUES (?, ?, ?, ?, ?)", shard.evaluation(), modelId, shard.count(), fingerprint,
                        Instant.now());
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) && !"23001".equals(e.getSQLState())) {
                    throw e;   // not "another shard registered it a moment ago"
                }
            }
            return null;
        });
    }

    /** The runs of a sharded evaluation, newest first (its shards' runs, retries included, and the merged run). */
    public List<Run> ofEvaluation(String evaluation) {
        return query("reading evaluation " + evaluation, "WHERE evaluation_key = ? ORDER BY id DESC", evaluation);
    }

    /** What merging found: the merged run, or why there is none yet. */
    public record Merge(Run merged, List<Integer> missing) {
    }

    /** Computes a merged run from the shards' runs and all their predictions. */
    @FunctionalInterface
    public interface Merger {
        Run merge(List<Run> shards, List<Prediction> predictions);
    }

    /**
     * Merges a sharded evaluation when every shard has a completed run: the latest completed run of each shard and
     * their predictions (each image once, by its ordinal) go to {@code merger}, whose run is stored as the merged run,
     * or replaces its numbers when there is one (a shard run again). The evaluation's row is locked for the
     * transaction, so two shards finishing together merge once.
     */
    public Merge mergeIfComplete(String evaluation, Merger merger) {
        return Sql.inTransaction(db, "merging evaluation " + evaluation, c -> {
            int count;
            Long mergedId;
            try (PreparedStatement ps = Sql.bind(c, "SELECT shard_count, merged_run_id FROM evaluations WHERE "
                    + "evaluation_key = ? FOR UPDATE", evaluation); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no evaluation " + evaluation);
                }
                count = rs.getInt(1);
                long m = rs.getLong(2);
                mergedId = rs.wasNull() ? null : m;
            }
            Map<Integer, Run> latest = new TreeMap<>();
            List<Run> all = new ArrayList<>();
            try (PreparedStatement ps = Sql.bind(c, "SELECT " + COLUMNS + " FROM runs WHERE evaluation_key = ? AND "
                    + "shard_index IS NOT NULL AND status = ? ORDER BY id DESC", evaluation,
                    Run.Status.COMPLETED.name()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            all.forEach(r -> latest.putIfAbsent(r.shard().index(), r));
            List<Integer> missing = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                if (!latest.containsKey(k)) {
                    missing.add(k);
                }
            }
            if (!missing.isEmpty()) {
                return new Merge(null, missing);
            }
            List<Run> shards = new ArrayList<>(latest.values());
            Run merged = merger.merge(shards, readPredictions(c, shards.stream().map(Run::id).toList()));
            long id;
            if (mergedId == null) {
                id = insert(c, merged, Run.Status.COMPLETED);
                Sql.update(c, "UPDATE evaluations SET merged_run_id = ? WHERE evaluation_key = ?", id, evaluation);
            } else {
                id = mergedId;   // a shard was run again: every column computed afresh, through the insert's lists
                rewrite(c, id, merged, Run.Status.COMPLETED);
            }
            writeResults(c, id, merged.results());
            return new Merge(byIds(c, List.of(id)).get(0), List.of());
        });
    }

    private static void insertPredictions(Connection c, long runId, List<Prediction> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO predictions (run_id, ordinal, name, label, top1, "
                + "top2, top3, top4, top5, logit1, logit2, logit3, logit4, logit5, confidence, clean_hits) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Prediction p : batch) {
                ps.setLong(1, runId);
                ps.setInt(2, p.ordinal());
                ps.setString(3, p.name());
                ps.setInt(4, p.label());
                for (int k = 0; k < 5; k++) {
                    if (k < p.top().length) {
                        ps.setInt(5 + k, p.top()[k]);
                        ps.setFloat(10 + k, p.logits()[k]);
                    } else {
                        ps.setNull(5 + k, java.sql.Types.INTEGER);
                        ps.setNull(10 + k, java.sql.Types.REAL);
                    }
                }
                if (Float.isNaN(p.confidence())) {
                    ps.setNull(15, java.sql.Types.REAL);
                } else {
                    ps.setFloat(15, p.confidence());
                }
                ps.setObject(16, p.cleanHits(), java.sql.Types.INTEGER);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The predictions of these runs, each image (ordinal) once, in image order. */
    private static List<Prediction> readPredictions(Connection c, List<Long> runIds) throws SQLException {
        Map<Integer, Prediction> byOrdinal = new TreeMap<>();
        inChunks(runIds, (chunk, in) -> {
            try (PreparedStatement ps = Sql.bind(c, "SELECT ordinal, name, label, top1, top2, top3, top4, top5, "
                    + "logit1, logit2, logit3, logit4, logit5, confidence, clean_hits FROM predictions WHERE run_id IN "
                    + in + " ORDER BY ordinal", chunk.toArray());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = 0;
                    int[] top = new int[5];
                    float[] logits = new float[5];
                    for (int k = 0; k < 5; k++) {
                        int t = rs.getInt(4 + k);
                        if (rs.wasNull()) {
                            break;
                        }
                        top[k] = t;
                        logits[k] = rs.getFloat(9 + k);
                        n++;
                    }
                    float confidence = rs.getFloat(14);
                    boolean noConfidence = rs.wasNull();
                    byOrdinal.putIfAbsent(rs.getInt(1), new Prediction(rs.getInt(1), rs.getString(2), rs.getInt(3),
                            Arrays.copyOf(top, n), Arrays.copyOf(logits, n),
                            noConfidence ? Float.NaN : confidence, Sql.integer(rs, "clean_hits")));
                }
            }
        });
        return new ArrayList<>(byOrdinal.values());
    }

    private static void writeResults(Connection c, long runId, List<Run.Measurement> results) throws SQLException {
        Sql.update(c, "DELETE FROM run_results WHERE run_id = ?", runId);
        for (Run.Measurement m : results) {
            Sql.update(c, "INSERT INTO run_results (run_id, dataset, metric, val, images) VALUES (?, ?, ?, ?, ?)",
                    runId, m.dataset(), m.metric(), m.value(), m.images());
        }
    }

    private static Optional<Run> first(List<Run> runs) {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** Runs matching {@code where}, with their results. */
    private List<Run> query(String what, String where, Object... params) {
        return Sql.inTransaction(db, what, c -> {
            List<Run> runs = new ArrayList<>();
            try (PreparedStatement ps = Sql.bind(c, "SELECT " + COLUMNS + " FROM runs " + where, params);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
            return withResults(c, runs);
        });
    }

    private static List<Run> byIds(Connection c, List<Long> ids) throws SQLException {
        List<Run> runs = new ArrayList<>();
        inChunks(ids, (chunk, in) -> {
            try (PreparedStatement ps = Sql.bind(c, "SELECT " + COLUMNS + " FROM runs WHERE id IN " + in,
                    chunk.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
        });
        return withResults(c, runs);
    }

    private static List<Run> withResults(Connection c, List<Run> runs) throws SQLException {
        Map<Long, List<Run.Measurement>> results = new HashMap<>();
        inChunks(runs.stream().map(Run::id).toList(), (chunk, in) -> {
            try (PreparedStatement ps = Sql.bind(c, "SELECT run_id, dataset, metric, val, images FROM run_results "
                    + "WHERE run_id IN " + in + " ORDER BY run_id, dataset, metric", chunk.toArray()); ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    results.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                            .add(new Run.Measurement(r.getString(2), r.getString(3), r.getDouble(4),
                                    Sql.integer(r, "images")));
                }
            }
        });
        return runs.stream().map(run -> run.withResults(results.getOrDefault(run.id(), List.of()))).toList();
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static Run read(ResultSet rs) throws SQLException {
        Scope scope = readScope(rs);
        Provenance provenance = Provenance.COLUMNS.read(rs);
        Run.Status status = Run.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT));
        Instant started = Sql.instant(rs, "started_at");
        Instant heartbeat = Sql.instant(rs, "heartbeat_at");
        String evaluation = rs.getString("evaluation_key");
        Shard shard = evaluation == null ? null : new Shard(evaluation, Sql.integer(rs, "shard_index"),
                rs.getInt("shard_count"));
        Double decode = Sql.decimal(rs, "decode_images_per_second");
        Double device = Sql.decimal(rs, "device_images_per_second");
        Run run = new Run(rs.getLong("id"), rs.getString("model_id"), status, scope, provenance, shard,
                Sql.decimal(rs, "images_per_second"), decode == null && device == null ? null
                : new Run.Throughput(decode, device), started, Sql.instant(rs, "finished_at"), heartbeat,
                rs.getString("error"), List.of());
        if (status == Run.Status.RUNNING) {
            Instant alive = heartbeat != null ? heartbeat : started;
            Instant now = Sql.instant(rs, "db_now");
            if (alive != null && now != null && alive.plus(STALE_AFTER).isBefore(now)) {
                // the process that ran it is gone (killed, crashed, machine lost): say so, and how to go on
                return new Run(run.id(), run.modelId(), Run.Status.INTERRUPTED, scope, provenance, shard,
                        run.imagesPerSecond(), run.throughput(), started, run.finishedAt(), heartbeat,
                        "no sign of life since " + alive + " (the evaluating process is gone); "
                                + run.resumeCommand() + " continues it", List.of());
            }
        }
        return run;
    }

    /** Calls {@code each} with the IDs {@link #IN_CHUNK} at a time, and the placeholders of an IN list for them. */
    private static <T> void inChunks(List<T> ids, ChunkAction<T> each) throws SQLException {
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<T> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            each.accept(chunk, "(" + placeholders(chunk.size()) + ")");
        }
    }

    @FunctionalInterface
    private interface ChunkAction<T> {
        void accept(List<T> chunk, String inList) throws SQLException;
    }
}
