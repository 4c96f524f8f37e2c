-- The relations in the claim order (subject, predicate, lo, id) with hi:
-- the network page asks for the first 5,000 relations that overlap a
-- range of years, in that order. Without it SQLite found every relation
-- of the range (190k of 644k at 1M claims for 1937–1941) and sorted them
-- to keep 5,000 (1.2 s). With it, it walks this index in order, checks
-- lo and hi in the entry and stops at the 5,000th (30 ms in the sqlite3
-- shell). Replace drops and rebuilds it with the others (claimIndexes).
CREATE INDEX IF NOT EXISTS claim_rel ON claim(subject, predicate, lo, id, hi) WHERE object IS NOT NULL;
