-- How sure a number is: the images each measured value is a proportion of (its 95 % interval needs them; ReaL
-- scores only the images with labels), and each prediction's top-1 softmax confidence (calibration).
ALTER TABLE run_results ADD COLUMN images INTEGER;
ALTER TABLE predictions ADD COLUMN confidence REAL;
