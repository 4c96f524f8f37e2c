package tokumu

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
)

// DeriveClaimID names a claim that its corpus gives no explicit id:
// "<subject>~<16 hex digits>", a 64-bit FNV-1a hash of what identifies the
// claim — its predicate, object or value with unit and language, role,
// perspective, planted_by and source. The date, place, locator, grade,
// note and evidence links are left out on purpose: they are what an editor
// refines (a page number found, a date narrowed, a grade revised), and a
// permalink must survive such edits. Two claims that agree on everything
// identifying — the same source saying the same thing of the same subject
// at two dates, say — get the same id; the loader reports that as an
// error naming both, and the corpus gives one of them an explicit id. It
// never merges them.
func DeriveClaimID(c *Claim) string {
	h := fnv.New64a()
	for _, s := range []string{c.Predicate, c.Object, c.Value, c.Unit, c.Lang, c.Role,
		c.Perspective, c.PlantedBy, c.Source} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.Sum64())
	return fmt.Sprintf("%s~%x", c.Subject, b[:])
}
