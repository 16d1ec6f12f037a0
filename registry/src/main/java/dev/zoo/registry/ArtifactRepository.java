package dev.zoo.registry;

import dev.zoo.core.Database;
import dev.zoo.core.Sql;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code artifacts} table: downloaded weights and their sha256 pins. */
public final class ArtifactRepository {

    private static final String COLUMNS =
            "model_id, url, path, size_bytes, sha256, pin_source, downloaded_at, verified_at";

    private final Database db;

    public ArtifactRepository(Database db) {
        this.db = db;
    }

    public Optional<Artifact> find(String modelId) {
        return Sql.inTransaction(db, "reading the artifact of " + modelId, c -> {
            try (PreparedStatement ps = Sql.bind(c, "SELECT " + COLUMNS + " FROM artifacts WHERE model_id = ?",
                    modelId); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public void save(Artifact a) {
        Sql.inTransaction(db, "recording the artifact of " + a.modelId(), c -> {
            Object[] values = {a.url(), a.path().toString(), a.size(), a.sha256(), a.pinSource().label(),
                    a.downloadedAt(), a.verifiedAt(), a.modelId()};
            int updated = Sql.update(c, "UPDATE artifacts SET url = ?, path = ?, size_bytes = ?, sha256 = ?, "
                    + "pin_source = ?, downloaded_at = ?, verified_at = ? WHERE model_id = ?", values);
            if (updated == 0) {
                Sql.update(c, "INSERT INTO artifacts (url, path, size_bytes, sha256, pin_source, downloaded_at, "
                        + "verified_at, model_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            return null;
        });
    }

    public void markVerified(String modelId, Instant when) {
        Sql.inTransaction(db, "recording the verification of " + modelId,
                c -> Sql.update(c, "UPDATE artifacts SET verified_at = ? WHERE model_id = ?", when, modelId));
    }

    /** Forgets the pin too: the next download of this model is trusted afresh. */
    public boolean delete(String modelId) {
        return Sql.inTransaction(db, "forgetting the artifact of " + modelId,
                c -> Sql.update(c, "DELETE FROM artifacts WHERE model_id = ?", modelId) > 0);
    }

    private static Artifact read(ResultSet rs) throws SQLException {
        return new Artifact(rs.getString("model_id"), rs.getString("url"), Path.of(rs.getString("path")),
                rs.getLong("size_bytes"), rs.getString("sha256"),
                Artifact.PinSource.ofLabel(rs.getString("pin_source")), Sql.instant(rs, "downloaded_at"),
                Sql.instant(rs, "verified_at"));
    }
}
