package search

import (
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

// TestPageBounds: a Limit or Offset out of its bounds is an EINVALID
// error that names the parameter and its range (issue 15 item 1: one GET
// with offset=2000000000 sized a 32 GB allocation; --limit 3000000000
// crashed the CLI).
func TestPageBounds(t *testing.T) {
	ix := embedded(t)
	tests := []struct {
		limit, offset int
		param         string // "" if the page is valid
	}{
		{0, 0, ""},
		{MaxLimit, 0, ""},
		{0, MaxOffset, ""},
		{MaxLimit, MaxOffset, ""},
		{MaxLimit + 1, 0, "limit"},
		{3000000000, 0, "limit"},
		{math.MaxInt, 0, "limit"},
		{-1, 0, "limit"},
		{math.MinInt, 0, "limit"},
		{0, MaxOffset + 1, "offset"},
		{20, 2000000000, "offset"},
		{20, math.MaxInt, "offset"},
		{math.MaxInt - 5, math.MaxInt - 5, "limit"}, // offset+limit would overflow
		{0, -1, "offset"},
		{0, math.MinInt, "offset"},
	}
	for _, tt := range tests {
		for _, text := range []string{"Harbin", "", "   "} {
			r, err := ix.Search(Query{Text: text, Limit: tt.limit, Offset: tt.offset})
			if tt.param == "" {
				if err != nil {
					t.Errorf("limit %d, offset %d, %q: %v", tt.limit, tt.offset, text, err)
				}
				continue
			}
			if r != nil || tokumu.ErrorCode(err) != tokumu.EINVALID {
				t.Errorf("limit %d, offset %d, %q: got %v, %v; want an %s error", tt.limit, tt.offset, text, r, err, tokumu.EINVALID)
				continue
			}
			msg := tokumu.ErrorMessage(err)
			max := MaxLimit
			if tt.param == "offset" {
				max = MaxOffset
			}
			if !strings.HasPrefix(msg, tt.param+" ") || !strings.Contains(msg, "from 0 to "+strconv.Itoa(max)) {
				t.Errorf("limit %d, offset %d: message %q does not name %s and its range 0 to %d", tt.limit, tt.offset, msg, tt.param, max)
			}
		}
	}
}

// TestPages: pages of one result list, up to the last allowed offset,
// are consecutive slices of it.
func TestPages(t *testing.T) {
	ix := embedded(t)
	all, err := ix.Search(Query{Text: "Harbin", Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total < 12 {
		t.Fatalf("Harbin: %d hits, too few to page", all.Total)
	}
	for off := 0; off < all.Total+3; off += 5 {
		p, err := ix.Search(Query{Text: "Harbin", Limit: 5, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != all.Total {
			t.Errorf("offset %d: total %d, want %d", off, p.Total, all.Total)
		}
		for i, h := range p.Hits {
			if w := all.Hits[off+i]; h.Entity != w.Entity || h.Claim != w.Claim || h.Source != w.Source || h.Kind != w.Kind {
				t.Errorf("offset %d, hit %d: %+v, want %+v", off, i, h, w)
			}
		}
		if want := min(5, max(0, all.Total-off)); len(p.Hits) != want {
			t.Errorf("offset %d: %d hits, want %d", off, len(p.Hits), want)
		}
	}
	last, err := ix.Search(Query{Text: "Harbin", Limit: MaxLimit, Offset: MaxOffset})
	if err != nil || len(last.Hits) != 0 || last.Total != all.Total {
		t.Errorf("offset %d: %v, %v; want no hits and the total", MaxOffset, last, err)
	}
}

// allocated returns the bytes f allocates, the least of a few runs (a
// background goroutine of the runtime may allocate during one).
func allocated(f func()) uint64 {
	f() // warm the scratch pool and the lazily built tables
	best := uint64(math.MaxUint64)
	var before, after runtime.MemStats
	for range 5 {
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		best = min(best, after.TotalAlloc-before.TotalAlloc)
	}
	return best
}

// TestPageAllocs: what a search allocates never grows with the offset or
// the limit the caller asks for, only with the hits there are.
func TestPageAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector; this test runs in the normal suite")
	}
	ix := embedded(t)
	// Refused at once: a handful of small allocations for the error.
	for _, q := range []Query{
		{Text: "Harbin", Offset: 2000000000},
		{Text: "Harbin", Limit: 3000000000},
		{Text: "Harbin", Limit: math.MaxInt, Offset: math.MaxInt},
	} {
		if n := testing.AllocsPerRun(10, func() { ix.Search(q) }); n > 4 {
			t.Errorf("limit %d, offset %d: %v allocations to refuse it", q.Limit, q.Offset, n)
		}
		if b := allocated(func() { ix.Search(q) }); b > 1<<10 {
			t.Errorf("limit %d, offset %d: %d bytes allocated to refuse it", q.Limit, q.Offset, b)
		}
	}
	// A page past the end of a query's hits costs what its last page does,
	// within a small margin: both rank every hit, and nothing is sized by
	// the offset. (Against the first page the margin would have to grow
	// with the number of hits, which grows with the corpus.)
	for _, text := range []string{"Lyushkov defected", "Harbin", "ハルビン"} {
		r, err := ix.Search(Query{Text: text, Limit: 1})
		if err != nil || r.Total < 2 {
			t.Fatalf("%q: %v, %v; the test needs a query with several hits", text, r, err)
		}
		last := allocated(func() { ix.Search(Query{Text: text, Limit: 1, Offset: r.Total - 1}) })
		deep := allocated(func() { ix.Search(Query{Text: text, Limit: 1, Offset: MaxOffset}) })
		if deep > last+1<<10 {
			t.Errorf("%q: %d bytes at offset %d, %d at the last page (offset %d)", text, deep, MaxOffset, last, r.Total-1)
		}
		t.Logf("%q: %d hits; %d bytes at the last page, %d at offset %d", text, r.Total, last, deep, MaxOffset)
	}
	// Suggest takes any n; it returns at most MaxLimit.
	if b := allocated(func() { ix.Suggest("Ha", math.MaxInt, "") }); b > 256<<10 {
		t.Errorf("Suggest with n = MaxInt: %d bytes", b)
	}
	if hs := ix.Suggest("a", math.MaxInt, ""); len(hs) > MaxLimit {
		t.Errorf("Suggest returned %d hits, more than MaxLimit", len(hs))
	}
}
