package tokumu

import "fmt"

// Grade is the intelligence officer's two-part rating of information: the
// reliability of its source (A–F) and the credibility of the claim itself
// (1–6), as in the Admiralty / NATO system. B2 reads "usually reliable
// source, probably true".
type Grade struct {
	Reliability byte // 'A'..'F'
	Credibility byte // 1..6
}

// Reliability and credibility meanings, for display.
var (
	ReliabilityText = map[byte]string{
		'A': "completely reliable", 'B': "usually reliable", 'C': "fairly reliable",
		'D': "not usually reliable", 'E': "unreliable", 'F': "reliability cannot be judged",
	}
	CredibilityText = map[byte]string{
		1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
		4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
	}
)

// ParseGrade reads "B2", or "2" alone (credibility only; Reliability is 0
// and the source's reliability applies).
func ParseGrade(s string) (Grade, error) {
	var g Grade
	switch len(s) {
	case 1:
		g.Credibility = s[0] - '0'
	case 2:
		g.Reliability, g.Credibility = s[0], s[1]-'0'
		if g.Reliability >= 'a' && g.Reliability <= 'f' {
			g.Reliability -= 'a' - 'A'
		}
		if g.Reliability < 'A' || g.Reliability > 'F' {
			return Grade{}, fmt.Errorf("bad grade %q: reliability must be a letter A–F (e.g. B2)", s)
		}
	default:
		return Grade{}, fmt.Errorf("bad grade %q: write reliability A–F and credibility 1–6, e.g. B2, or 2 alone", s)
	}
	if g.Credibility < 1 || g.Credibility > 6 {
		return Grade{}, fmt.Errorf("bad grade %q: credibility must be a digit 1–6 (e.g. B2)", s)
	}
	return g, nil
}

// String returns "B2", or "" for the zero Grade.
func (g Grade) String() string {
	if g.Credibility == 0 {
		return ""
	}
	if g.Reliability == 0 {
		return fmt.Sprintf("%d", g.Credibility)
	}
	return fmt.Sprintf("%c%d", g.Reliability, g.Credibility)
}

// Text spells the grade out: "usually reliable, probably true".
func (g Grade) Text() string {
	return ReliabilityText[g.Reliability] + ", " + CredibilityText[g.Credibility]
}

// MarshalText writes the grade as "B2".
func (g Grade) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText reads "B2" or "2".
func (g *Grade) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*g = Grade{}
		return nil
	}
	v, err := ParseGrade(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}
