-- The evaluation's settings as JSON (data, selection, compute): what a shard task received and a rerun repeats.
ALTER TABLE runs ADD COLUMN spec VARCHAR(4000);
