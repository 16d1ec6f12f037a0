-- The web layer caches its results table until a run is added or finishes: MAX(finished_at) answers from this index.
CREATE INDEX runs_by_finish ON runs (finished_at);
