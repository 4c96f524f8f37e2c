-- Vocabulary roles (tokumu.Role): what the engine may rely on a predicate
-- to mean. JSON list of role names.
ALTER TABLE predicate ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
