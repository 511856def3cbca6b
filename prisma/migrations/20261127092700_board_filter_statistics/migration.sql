-- The planner multiplies the shares of kind and category as if independent, so it expects needs in
-- childcare (only ever offered) to be common, and for "one neighborhood + NEED + CHILDCARE" it read
-- every post of the neighborhood (thousands at a million posts) rather than the kind/category index,
-- which is empty for that pair and ends at once. Statistics on the pair tell it which pairs occur.
-- Prisma does not model extended statistics, so they live only here.
CREATE STATISTICS "posts_kind_category" (mcv) ON "kind", "category" FROM "posts";
ANALYZE "posts";
