package translit

import (
	"testing"

	"github.com/longbridgeapp/opencc"
)

// TestChineseAgainstOpenCC checks the hand-written simplified/traditional
// table against OpenCC's character dictionaries (TSCharacters,
// STCharacters), the maintained published data for the conversion: every
// traditional character we simplify must simplify the same way in OpenCC,
// and every traditional form we give a simplified character must be one
// OpenCC maps back to it. OpenCC is a test dependency only: at run time
// the small table is enough and costs no dictionary load.
func TestChineseAgainstOpenCC(t *testing.T) {
	t2sCC, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	conv := func(r rune) string {
		out, err := t2sCC.Convert(string(r))
		if err != nil {
			t.Fatalf("opencc t2s %q: %v", r, err)
		}
		return out
	}
	if got := conv('濱'); got != "滨" {
		t.Fatalf("OpenCC t2s 濱 = %q: the dictionary did not load", got)
	}
	checked := 0
	for trad, simp := range t2s {
		if got := conv(trad); got != string(simp) {
			t.Errorf("t2s: we simplify %c to %c, OpenCC to %s", trad, simp, got)
		}
		checked++
	}
	for simp, trad := range s2t {
		if got := conv(trad); got != string(simp) {
			t.Errorf("s2t: we give %c for %c, but OpenCC simplifies %c to %s", trad, simp, trad, got)
		}
		checked++
	}
	if checked < 400 {
		t.Fatalf("only %d pairs checked", checked)
	}
}
