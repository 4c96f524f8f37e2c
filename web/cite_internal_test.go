package web

import "testing"

// TestTitleStop: a title's full stop gives way to the separator that
// follows it, unless it ends an abbreviation or an initial.
func TestTitleStop(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Организационная структура: Квантунская армия, 1 июня 1939 г.", "Организационная структура: Квантунская армия, 1 июня 1939 г."},
		{"Япония в войне 1941–1945 гг.", "Япония в войне 1941–1945 гг."},
		{"Goldman, Stuart D. 2012. Nomonhan, 1939. Annapolis: Naval Institute Press.", "Goldman, Stuart D. 2012. Nomonhan, 1939. Annapolis: Naval Institute Press"},
		{"The Red Army was stronger than it really was.", "The Red Army was stronger than it really was"},
		{"Papers, vol.", "Papers, vol."},
		{"Люшков Г. С.", "Люшков Г. С."},
		{"Kwantung Army", "Kwantung Army"},
		{"Is it so?", "Is it so?"},
		{".", ""},
	} {
		if got := titleStop(tt.in); got != tt.want {
			t.Errorf("titleStop(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
