-- What identified a run's data (what was and was not checked), or why Zoo could not identify it.
ALTER TABLE runs ADD COLUMN identification VARCHAR(1000);
-- Per prediction, whether it is right on the clean 200-class counterparts of ImageNet-A and -R (logits outside the
-- set's classes left out): bit 2k top-1, bit 2k+1 top-5, for counterpart k (A clean, R clean); null: not computed.
ALTER TABLE predictions ADD COLUMN clean_hits INTEGER;
