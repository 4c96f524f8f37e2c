package view_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/view"
)

// TestSameAs: the planted pair of testdata/sameas (Hawk possibly Ivan
// Pakhomov, C3, memoir p. 41) shows on both pages, from either side, and
// in the JSON; the bystander shows none; the pair is never merged (each
// page keeps only its own claims).
func TestSameAs(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.OpenDir(ctx, "testdata/sameas")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tt := range []struct{ id, want string }{
		{"agent-hawk", "pakhomov-ivan hawk-same C3 memoir p. 41"},
		{"pakhomov-ivan", "agent-hawk hawk-same C3 memoir p. 41"},
		{"bystander", ""},
	} {
		v, err := view.LoadEntityView(ctx, db, tt.id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range v.SameAs {
			got = append(got, strings.Join([]string{s.Other, s.Claim.ID, s.Claim.Grade.String(), s.Claim.Source, s.Claim.Locator}, " "))
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s: same as %q, want %q", tt.id, g, tt.want)
		}
		b, err := json.Marshal(v.Page("en"))
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			SameAs []struct{ Entity, Label, Claim, Grade, Source string } `json:"possibly_same_as"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		switch tt.id {
		case "agent-hawk":
			if len(page.SameAs) != 1 || page.SameAs[0].Entity != "pakhomov-ivan" || page.SameAs[0].Label != "Ivan Pakhomov" || page.SameAs[0].Grade != "C3" || page.SameAs[0].Source != "memoir" {
				t.Errorf("agent-hawk JSON possibly_same_as = %+v", page.SameAs)
			}
		case "pakhomov-ivan":
			if len(page.SameAs) != 1 || page.SameAs[0].Entity != "agent-hawk" || page.SameAs[0].Label != "Hawk" {
				t.Errorf("pakhomov-ivan JSON possibly_same_as = %+v", page.SameAs)
			}
			// Not merged: Hawk's description is not Pakhomov's.
			if strings.Contains(string(b), "hawk-desc") {
				t.Errorf("pakhomov-ivan's page carries Hawk's own claim: %s", b)
			}
		case "bystander":
			if page.SameAs == nil || len(page.SameAs) != 0 {
				t.Errorf("bystander JSON possibly_same_as = %+v, want []", page.SameAs)
			}
		}
	}
}
