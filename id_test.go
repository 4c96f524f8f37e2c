package tokumu_test

import (
	"testing"

	"github.com/tokumu/tokumu"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Coox1985": "coox1985", "coox_nomonhan": "coox-nomonhan", "  --Drea, E. J.--": "drea-e-j",
		"Яковкин2007": "2007", "": "", "a__b": "a-b",
	} {
		if got := tokumu.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
