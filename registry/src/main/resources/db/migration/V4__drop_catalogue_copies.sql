-- The models and claimed_results tables were meant to hold a copy of the catalogue but were never written. They are
-- dropped rather than wired in: the catalogue files are the source of truth, and a shared PostgreSQL database serves
-- people whose catalogues differ (ZOO_CATALOG, --catalog), so one copy in the database would be wrong for some of them.
-- Runs keep the model ID they measured; `zoo serve`'s API answers "which models, which claims" from the catalogue.
DROP TABLE claimed_results;
DROP TABLE models;
