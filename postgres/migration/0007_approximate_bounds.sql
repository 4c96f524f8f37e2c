-- Approximate dates (~ or %) are widened by one unit of their precision
-- on each side (edtf.Value.ApproximateBounds): "1938-06~" may be any day
-- of May to July 1938. Builds before this migration stored their bounds
-- unwidened. The rewrite needs the EDTF parser, so it is Go code run in
-- this migration's transaction (reboundApproximate in rebound.go); the
-- GiST index on the bounds follows the rows. This statement only takes
-- the rows it will rewrite, so that no writer changes them meanwhile.
SELECT id FROM claim WHERE edtf LIKE '%~%' OR edtf LIKE '%!%%' ESCAPE '!' FOR UPDATE;
