package tokumu

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strings"
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

// Slug makes an id of any text the way the corpus writes ids: lower case,
// a-z and 0-9, other runs of characters as one hyphen, none at either end
// ("Coox1985" → "coox1985", "coox_nomonhan" → "coox-nomonhan"). The loader
// suggests it when an id is malformed; converters name imported records
// with it.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
