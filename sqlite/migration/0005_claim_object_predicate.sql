-- One group of a hub entity's claims (the claims whose object it is, of one
-- predicate), in the claim order, read a page at a time: the entity page of
-- a hub organization at 1M claims (tens of thousands of claims name it)
-- reads 20 of each group through this index instead of sorting them all.
-- Replace drops and rebuilds it with the others (claimIndexes).
CREATE INDEX IF NOT EXISTS claim_object_predicate ON claim(object, predicate, subject, lo, id) WHERE object IS NOT NULL;
