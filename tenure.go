package tokumu

// Superseded reports whether c, a claim of an office held by one person at
// a time (a predicate of the role office: head of, commander) whose end
// the source does not give (EDTF "1931-08/"), no longer held on day d
// because another person certainly took the same office after c began and
// on or before d. Sources often say when an officer took a post and not
// when he left it; read literally, such a tenure may last forever, and a
// 1931 head of the Harbin agency would still "possibly" head it in 1941.
// His successor's appointment closes it. others may hold any claims; only
// those for the same office count. The caller checks that c's predicate
// is an office.
func Superseded(c *Claim, others []*Claim, d Day) bool {
	w := c.When
	if !w.Interval || w.Latest < MaxDay || w.EarliestEnd >= MaxDay {
		return false // its end is known, or it is open by statement ("..")
	}
	for _, o := range others {
		if o == c || o.Predicate != c.Predicate || o.Object != c.Object || o.Subject == c.Subject || o.When.IsZero() {
			continue
		}
		// o began after c could have begun, and certainly by d.
		if o.When.Earliest > w.LatestStart && o.When.LatestStart <= d {
			return true
		}
	}
	return false
}
