-- How a run's input differs from its card's recipe (--image-size, --crop-pct), or null: such a run never stands
-- beside a claim made at the card's recipe.
ALTER TABLE runs ADD COLUMN recipe_change VARCHAR(200);
