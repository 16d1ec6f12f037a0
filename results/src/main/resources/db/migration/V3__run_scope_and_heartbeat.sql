-- What a run measured (its scope) and whether its process is alive.
--   dataset_images: images the whole dataset has (50,000 for ImageNet), images_scored / images_skipped: how many were
--   scored and refused as unreadable, complete: every image of the whole dataset scored and none skipped, label_map:
--   the --label-map that mapped the data's labels onto the network's classes, heartbeat_at: the last sign of life of a
--   running evaluation (one without it for a minute is shown as interrupted).
ALTER TABLE runs ADD COLUMN dataset_images INTEGER;
ALTER TABLE runs ADD COLUMN images_scored INTEGER;
ALTER TABLE runs ADD COLUMN images_skipped INTEGER;
ALTER TABLE runs ADD COLUMN complete BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE runs ADD COLUMN label_map VARCHAR(4000);
ALTER TABLE runs ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;

-- Runs recorded before: their data was never identified, so none of them is complete (they show as partial, never as
-- "the" measured value); what they scored is what they counted.
UPDATE runs SET images_scored = image_count WHERE status = 'COMPLETED';

-- "The latest complete run of a model" and "a model's runs on these images" are asked on every page and gate.
CREATE INDEX runs_by_model_scope ON runs (model_id, status, complete);
CREATE INDEX runs_by_fingerprint ON runs (model_id, data_fingerprint);
