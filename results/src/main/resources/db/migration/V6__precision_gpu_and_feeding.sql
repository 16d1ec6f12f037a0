-- How a run computed (precision, TF32, cuDNN benchmark mode, the GPUs) and which side fed it: decode workers or
-- devices, in images per second of their own busy time.
ALTER TABLE runs ADD COLUMN precision VARCHAR(10);
ALTER TABLE runs ADD COLUMN tf32 VARCHAR(40);
ALTER TABLE runs ADD COLUMN cudnn_benchmark BOOLEAN;
ALTER TABLE runs ADD COLUMN gpu VARCHAR(1000);
ALTER TABLE runs ADD COLUMN decode_images_per_second DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN device_images_per_second DOUBLE PRECISION;
