-- The catalogue file that defined the run's model (null: the built-in one): the card whose recipe was used, and what
-- `zoo eval --resume RUN` loads again.
ALTER TABLE runs ADD COLUMN catalogue VARCHAR(1000);
