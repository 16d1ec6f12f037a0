package dev.zoo.registry;

import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.Result;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code models} and {@code claimed_results} tables, kept in step with the loaded catalogues. */
public final class ModelRepository {

    private final Database db;

    public ModelRepository(Database db) {
        this.db = db;
    }

    /**
     * Writes every catalogue model and its claimed results; models no longer in the catalogue are kept (runs refer to
     * them) but marked {@code in_catalog = false}.
     */
    public void sync(Catalog catalog) throws DatabaseException {
        Instant now = Instant.now();
        Sql.inTransaction(db, "syncing the catalogue", c -> {
            Set<String> ids = new HashSet<>();
            for (Model m : catalog.models()) {
                ids.add(m.id());
                Object[] values = {m.name(), m.collection(), m.pos().file(), m.metadata().parameters(),
                        m.metadata().fileSize(), m.metadata().imageSize(), m.metadata().cropPct(),
                        m.metadata().interpolation(), m.weights(), m.sha256(),
                        m.paper() == null ? null : m.paper().title(), m.paper() == null ? null : m.paper().url(),
                        m.code() == null ? null : m.code().url(), true, now, m.id()};
                int updated = Sql.update(c, "UPDATE models SET name = ?, collection = ?, source_file = ?, "
                        + "parameters = ?, file_size = ?, image_size = ?, crop_pct = ?, interpolation = ?, "
                        + "weights_url = ?, weights_sha256 = ?, paper_title = ?, paper_url = ?, code_url = ?, "
                        + "in_catalog = ?, synced_at = ? WHERE id = ?", values);
                if (updated == 0) {
                    Sql.update(c, "INSERT INTO models (name, collection, source_file, parameters, file_size, "
                            + "image_size, crop_pct, interpolation, weights_url, weights_sha256, paper_title, "
                            + "paper_url, code_url, in_catalog, synced_at, id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
                }
                Sql.update(c, "DELETE FROM claimed_results WHERE model_id = ?", m.id());
                Set<String> written = new HashSet<>();
                for (Result r : m.results()) {
                    for (Metric metric : r.metrics()) {
                        if (written.add(r.dataset() + "\u0000" + metric.name())) {
                            Sql.update(c, "INSERT INTO claimed_results (model_id, task, dataset, metric, val) "
                                    + "VALUES (?, ?, ?, ?, ?)", m.id(), r.task(), r.dataset(), metric.name(),
                                    metric.value());
                        }
                    }
                }
            }
            List<String> gone = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM models WHERE in_catalog = TRUE");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!ids.contains(rs.getString(1))) {
                        gone.add(rs.getString(1));
                    }
                }
            }
            for (String id : gone) {
                Sql.update(c, "UPDATE models SET in_catalog = FALSE, synced_at = ? WHERE id = ?", now, id);
            }
            return null;
        });
    }

    /** IDs of the models currently in a loaded catalogue, sorted. */
    public List<String> catalogIds() throws DatabaseException {
        return Sql.inTransaction(db, "listing models", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM models WHERE in_catalog = TRUE ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** A claimed value as stored, or null. */
    public Double claimed(String modelId, String dataset, String metric) throws DatabaseException {
        return Sql.inTransaction(db, "reading claimed results", c -> {
            try (PreparedStatement ps = Sql.bind(c, "SELECT val FROM claimed_results WHERE model_id = ? AND "
                    + "dataset = ? AND metric = ?", modelId, dataset, metric); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : null;
            }
        });
    }
}
