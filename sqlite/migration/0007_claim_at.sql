-- An interval index of the relations by date: one R*Tree entry per claim
-- that has an object and dated bounds, on two axes — the object's key
-- (tokumu_key: a 32-bit hash of its id, registered by the Go package;
-- a collision only costs a row that the exact WHERE on claim then drops)
-- and the claim's [lo, hi] day numbers, clamped into 32 bits (the open
-- end is stored as 99999999999). "Which claims name X as their object on
-- day D" is then a walk of the few tree nodes whose boxes hold (X, D),
-- where the (object, lo, hi) index walked every claim of X that began
-- before D: thousands for a hub organization at 1M claims. Replace fills
-- it after the bulk load; an edit keeps it in step with claim.
CREATE VIRTUAL TABLE IF NOT EXISTS claim_at USING rtree_i32(id, k0, k1, lo, hi);
INSERT INTO claim_at (id, k0, k1, lo, hi)
	SELECT seq, tokumu_key(object), tokumu_key(object), max(lo, -2147483648), min(hi, 2147483647)
	FROM claim WHERE object IS NOT NULL AND lo <= hi AND lo <= 2147483647 AND hi >= -2147483648;
