package dev.zoo.web;

import dev.zoo.metadata.Catalog;
import dev.zoo.core.Database;
import dev.zoo.registry.WeightsRegistry;
import java.util.Optional;

/** What the web layer reads: the application's catalogue, database and cache (provided by the app module). */
public interface ZooBackend {

    /** The configured catalogue (loaded once). */
    Catalog catalog();

    Database database();

    WeightsRegistry registry();

    /** The bearer token that allows {@code POST /api/runs}; empty: the server is read-only. */
    Optional<String> apiToken();
}
