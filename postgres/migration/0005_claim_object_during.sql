-- An entity's claims at a date, object side, from an interval index: a
-- GiST on (object, the claim's [lo, hi] as a range) finds the claims of
-- one object whose range holds the day without walking every claim of the
-- object that began before it, as the (object, lo, hi) B-tree does (the
-- hubs of a large corpus: thousands each; the SQLite store's claim_at is
-- the same idea). btree_gist lets the text column sit in a GiST; it is a
-- trusted extension (PostgreSQL 13+), so the database's owner may create
-- it. It goes in schema public, not the store's schema: an extension is
-- one per database, and a store dropped with its schema (the tests make
-- one per test) must not take it from the others. The store's at-date query states the index's condition (lo <= hi)
-- and keeps its exact lo/hi conditions, so its answers are those of the
-- B-tree's.
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;
CREATE INDEX IF NOT EXISTS claim_object_during ON claim USING gist (object, int8range(lo, hi, '[]'))
	WHERE object IS NOT NULL AND lo <= hi;
