-- Approximate dates (~ or %) are widened by one unit of their precision
-- on each side (edtf.Value.ApproximateBounds): "1938-06~" may be any day
-- of May to July 1938. Builds before this migration stored their bounds
-- unwidened. The rewrite of the claims' bounds and of their claim_at rows
-- needs the EDTF parser, so it is Go code run in this migration's
-- transaction (reboundApproximate in rebound.go). What was derived from
-- the old bounds and kept beside them (the stored read model and search
-- index) goes: the next start builds it again.
DELETE FROM blob;
