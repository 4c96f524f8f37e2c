-- The source's own words for entities a claim names by the editors'
-- identification (tokumu.NamedAs), as a JSON object, or ''.
ALTER TABLE claim ADD COLUMN named_as TEXT NOT NULL DEFAULT '';
