-- One evaluation spread over shards (machines, GPUs, Slurm array tasks), and the predictions of every run, in the
-- database every machine shares: a run can be read, resumed and merged from anywhere.
--   evaluations: what the shards are part of (model, weights, recipe, the whole data's fingerprint and the number of
--   shards make its key), and the merged run once every shard is done.
--   runs.evaluation_key / shard_index / shard_count: a shard run (index 0 … count-1) or the merged run (no index).
--   predictions: per image (ordinal = its place in the evaluation's sorted image list), label, top-5 and logits.
CREATE TABLE evaluations (
    evaluation_key   VARCHAR(64)  NOT NULL PRIMARY KEY,
    model_id         VARCHAR(200) NOT NULL,
    shard_count      INTEGER      NOT NULL,
    data_fingerprint VARCHAR(64)  NOT NULL,
    merged_run_id    BIGINT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
ALTER TABLE runs ADD COLUMN evaluation_key VARCHAR(64);
ALTER TABLE runs ADD COLUMN shard_index INTEGER;
ALTER TABLE runs ADD COLUMN shard_count INTEGER;
CREATE INDEX runs_by_evaluation ON runs (evaluation_key, shard_index);

CREATE TABLE predictions (
    run_id  BIGINT        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal INTEGER       NOT NULL,
    name    VARCHAR(4000) NOT NULL,
    label   INTEGER       NOT NULL,
    top1    INTEGER,
    top2    INTEGER,
    top3    INTEGER,
    top4    INTEGER,
    top5    INTEGER,
    logit1  REAL,
    logit2  REAL,
    logit3  REAL,
    logit4  REAL,
    logit5  REAL,
    PRIMARY KEY (run_id, ordinal)
);
