package search

import "testing"

func TestWithoutInitials(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Люшков Г. С.", "Люшков "},
		{"Г. С. Люшков", " Люшков"},
		{"Coox A. D.", "Coox "},
		{"Семёнов Г.М.", "Семёнов "},
		{"U. S.", "U. S."}, // initials alone: searched as they are
		{"Harbin", "Harbin"},
		{"No. 731", "No. 731"}, // "No." is a word, not an initial
	} {
		if got := withoutInitials(tt.in); got != tt.want {
			t.Errorf("withoutInitials(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
