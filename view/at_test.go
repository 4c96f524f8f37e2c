package view_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
	"github.com/tokumu/tokumu/view"
)

var (
	embeddedOnce sync.Once
	embeddedDB   tokumu.Store
	embeddedErr  error
)

func embedded(t *testing.T) tokumu.Store {
	t.Helper()
	embeddedOnce.Do(func() {
		dir, err := filepath.Abs(filepath.Join(t.TempDir(), ".."))
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedDB, embeddedErr = corpustest.Open(context.Background(), filepath.Join(dir, "view-embedded.db"))
	})
	if embeddedErr != nil {
		t.Fatal(embeddedErr)
	}
	return embeddedDB
}

// TestOpenEndsBounded pins the at-date answers that read an unknown end
// as "forever" and an unknown start as "always": each holding is now
// bounded by what the corpus knows elsewhere, and says which claim
// bounds it.
func TestOpenEndsBounded(t *testing.T) {
	st := embedded(t)
	ctx := context.Background()
	at := func(date, id string) *view.AtView {
		t.Helper()
		w, _, err := tokumu.ParseWhen(date)
		if err != nil {
			t.Fatal(err)
		}
		v, err := view.LoadAtView(ctx, st, w.Earliest, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	holds := func(v *view.AtView, pred, subject, object string) *tokumu.Claim {
		for _, c := range v.Claims {
			if c.Predicate == pred && c.Subject == subject && c.Object == object {
				return c
			}
		}
		return nil
	}
	// Hata, assistant attaché in Moscow from December 1926: his posting to
	// Warsaw in 1930 ends it.
	if c := holds(at("1941-06-01", "hata-hikosaburo"), "attache_in", "hata-hikosaburo", "moscow-attache-office"); c != nil {
		t.Errorf("Hata is still attaché in Moscow in 1941 (%s)", c.When.EDTF)
	}
	v := at("1928-01-01", "hata-hikosaburo")
	c := holds(v, "attache_in", "hata-hikosaburo", "moscow-attache-office")
	if c == nil {
		t.Fatal("Hata is not attaché in Moscow in 1928")
	}
	if b := v.Bounds[c.ID]; b.EndWhy != "next posting" || b.EndBy == nil || b.EndBy.Object != "warsaw-attache-office" {
		t.Errorf("Hata's Moscow posting is bounded by %+v, want his next posting (Warsaw)", b)
	}
	// Higuchi, attaché in Warsaw from May 1925, is not one in 1941.
	if c := holds(at("1941-06-01", "higuchi-kiichiro"), "attache_in", "higuchi-kiichiro", "warsaw-attache-office"); c != nil {
		t.Errorf("Higuchi is still attaché in Warsaw in 1941 (%s)", c.When.EDTF)
	}
	// The Kwantung Army Intelligence Department is part of the Kwantung
	// Army from 1940, its source giving no end: the army's own end in
	// August–September 1945 bounds it, and in 1946 it is part of nothing.
	v = at("1941-06-01", "kwantung-army-intelligence-department")
	c = holds(v, "part_of", "kwantung-army-intelligence-department", "kwantung-army")
	if c == nil {
		t.Fatal("the Intelligence Department is not possibly part of the Kwantung Army in 1941")
	}
	if b := v.Bounds[c.ID]; b.EndWhy != "dissolution" || b.EndBy == nil || b.EndBy.Subject != "kwantung-army" {
		t.Errorf("the department's subordination is bounded by %+v, want the Kwantung Army's dissolution", b)
	}
	if holds(at("1946-06-01", "kwantung-army-intelligence-department"), "part_of", "kwantung-army-intelligence-department", "kwantung-army") != nil {
		t.Error("the Intelligence Department is still part of the Kwantung Army in 1946")
	}
}

// TestAtStatusDisagreement: sources that date a founding differently
// leave every reading possible. Japanese Wikipedia has the Asano
// detachment formed in June 1937, the other sources in 1938: in December
// 1937 it possibly existed, and it is "not yet founded" only before June
// 1937 (the status read the latest founding as the bound before).
func TestAtStatusDisagreement(t *testing.T) {
	st := embedded(t)
	for _, c := range []struct{ date, want string }{
		{"1937-12-01", "exists"},
		{"1937-05-01", "not yet founded"},
		{"1939-06-01", "exists"},
	} {
		w, _, err := tokumu.ParseWhen(c.date)
		if err != nil {
			t.Fatal(err)
		}
		v, err := view.LoadAtView(context.Background(), st, w.Earliest, "asano-detachment", 0)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != c.want {
			t.Errorf("asano-detachment on %s: status %q, want %q", c.date, v.Status, c.want)
		}
	}
}
