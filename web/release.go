package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tokumu/tokumu"
)

// A release is what a citation names: the corpus's content hash (the
// same data gives the same hash, whatever store holds it) and the program
// version that served it. The page footer, /api/, /api/release and every
// "Cite this" show it, so a reader can tell whether two citations are of
// the same data.

// releaseJSON is /api/release.
type releaseJSON struct {
	Release string `json:"release"`
	Hash    string `json:"hash"`
	// Revision is the newest edit the data holds; with Edited, the data
	// is the release or import named by Hash edited since, which no
	// release freezes yet (`tokumu release create` makes one).
	Revision int64  `json:"revision,omitempty"`
	Edited   bool   `json:"edited,omitempty"`
	Version  string `json:"version"`
	Cite     string `json:"cite"`
	// CiteGOST and CiteSIST cite the release as Russian (ГОСТ Р 7.0.100)
	// and Japanese (SIST 02) reference lists do.
	CiteGOST string `json:"cite_gost"`
	CiteSIST string `json:"cite_sist"`
	// Title, Editors and URL are the corpus's citation settings
	// (settings.yaml, citation:); URL is its persistent address.
	Title   string   `json:"title"`
	Editors []string `json:"editors,omitempty"`
	URL     string   `json:"url,omitempty"`
}

func (s *Server) handleRelease(w http.ResponseWriter, r *http.Request) {
	st := s.st(r)
	rel, released := st.snap.currentRelease()
	out := releaseJSON{Release: rel, Hash: st.snap.hash, Edited: st.rev > st.importRev && !released,
		Version: tokumu.Version, Cite: chicagoRelease(st.snap.dataset(), rel, baseURL(r))}
	d := st.snap.dataset()
	out.Title, out.Editors, out.URL = d.Title, d.Editors, d.URL
	u := baseURL(r)
	if d.URL != "" {
		u = d.URL
	}
	it := citeItem{Title: d.Title, Permalink: u, Release: rel, Dataset: d, Issued: st.snap.releaseDate(rel)}
	out.CiteGOST, out.CiteSIST = it.gostWhole(), it.sistWhole()
	if st.rev > st.importRev {
		out.Revision = st.rev // revisions up to the import's changed data it replaced
	}
	writeJSON(w, http.StatusOK, out)
}

// Release is the release of the data the page shows, for the footer.
func (b *base) Release() string { return b.sn.releaseName() }

// editedStore is the store and newest revision of a state with edits,
// and what currentRelease last found for them.
type editedStore struct {
	store    tokumu.Store
	rev      int64
	since    int64 // the revision the corpus was imported at
	mu       sync.Mutex
	asked    time.Time
	name     string
	released bool
}

// currentRelease is the state's release, asked again (at most once a
// second) while no release holds its edits: `tokumu release create`
// makes no revision, so no rebuild would tell the state of it.
func (sn *snapshot) currentRelease() (name string, released bool) {
	e := sn.edited
	if e == nil {
		return sn.release, sn.released
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.released || time.Since(e.asked) < time.Second {
		return e.name, e.released
	}
	e.asked = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	e.name, e.released = servedRelease(ctx, e.store, sn.hash, e.rev, e.since)
	return e.name, e.released
}

// servedRelease names the data a state serves, for citations: the hash
// of the import while nothing was edited; once edits were made, the
// release that froze the newest revision (released true), or, if none
// has, the import's name with the revision ("aee9cca3965d+r12"): data no
// release holds, which a citation must not pass off as one. Revisions up
// to since (the import's, tokumu.ImportRevision) changed data the import
// replaced: with none after it, the data is the import's.
//
// A release created at the served revision names the data, edited or
// not: `tokumu release create` on an unedited import freezes it under the
// name of its export — the name `export --release` writes back out —
// and the citations then give that name, not the import's. An import
// makes no revision, so a release at the same number made before the
// import (tokumu.ImportedAt) froze other data and is passed over.
func servedRelease(ctx context.Context, store tokumu.Store, hash string, rev, since int64) (name string, released bool) {
	name = ReleaseOf(hash)
	if rs, ok := store.(tokumu.Releases); ok {
		if l, err := rs.ListReleases(ctx); err == nil {
			var imported time.Time
			asked := false
			for _, r := range l {
				if r.Revision != rev {
					continue
				}
				if rev > since {
					return r.Name, true
				}
				if !asked {
					imported, _ = tokumu.ImportedAt(ctx, store)
					asked = true
				}
				if !imported.IsZero() && !r.Created.Before(imported) {
					return r.Name, true
				}
			}
		}
	}
	if rev <= since {
		return name, false
	}
	return name + "+r" + strconv.FormatInt(rev, 10), false
}

// Version is the program's version, for the footer.
func (b *base) Version() string { return tokumu.Version }

// datasetCite is how the corpus is cited as a dataset (Chicago's form
// for one: editors, title, "Dataset", version, access date, address),
// from its settings: another corpus is cited by its own title and
// editors, not the embedded one's.
type datasetCite struct {
	Editors []string // as the corpus names them; none when it names none
	Title   string
	URL     string // the corpus's persistent address, "" if it has none
}

// dataset returns the corpus's citation settings; a corpus without a
// title is "a tokumu dataset".
func (sn *snapshot) dataset() datasetCite {
	d := datasetCite{Editors: sn.Settings.Editors, Title: sn.Settings.Title, URL: sn.Settings.URL}
	if d.Title == "" {
		d.Title = "A tokumu dataset"
	}
	return d
}

// editorName is one editor as the settings name them: "Family, Given"
// is a person, anything else a body or a name kept whole.
type editorName struct{ Family, Given, Literal string }

func parseEditor(s string) editorName {
	if f, g, ok := strings.Cut(s, ", "); ok && f != "" && g != "" {
		return editorName{Family: f, Given: g}
	}
	return editorName{Literal: s}
}

// natural is the name in running text: "Yuki Okada"; inverted leads a
// citation: "Okada, Yuki".
func (e editorName) natural() string {
	if e.Literal != "" {
		return e.Literal
	}
	return e.Given + " " + e.Family
}

func (e editorName) inverted() string {
	if e.Literal != "" {
		return e.Literal
	}
	return e.Family + ", " + e.Given
}

func (d datasetCite) names() []editorName {
	out := make([]editorName, len(d.Editors))
	for i, e := range d.Editors {
		out[i] = parseEditor(e)
	}
	return out
}

// join joins names as Chicago does: "A", "A and B", "A, B, and C".
func join(ns []string) string {
	switch n := len(ns); n {
	case 0:
		return ""
	case 1:
		return ns[0]
	case 2:
		return ns[0] + " and " + ns[1]
	default:
		return strings.Join(ns[:n-1], ", ") + ", and " + ns[n-1]
	}
}

// lead is a citation of the whole dataset's start: the editors, the first
// inverted, with "ed."/"eds." when people edit it, then the title:
// "Okada, Yuki, and Maria Ivanova, eds. Harbin Papers"; "tokumu editors.
// A Source-Grounded …".
func (d datasetCite) lead() string {
	ns := d.names()
	if len(ns) == 0 {
		return d.Title
	}
	parts := make([]string, len(ns))
	person := false
	for i, n := range ns {
		if i == 0 {
			parts[i] = n.inverted()
		} else {
			parts[i] = n.natural()
		}
		person = person || n.Literal == ""
	}
	s := join(parts)
	if len(ns) == 2 && ns[0].Literal == "" {
		s = parts[0] + ", and " + parts[1] // an inverted first name takes the comma
	}
	if person {
		if len(ns) == 1 {
			s += ", ed"
		} else {
			s += ", eds"
		}
	}
	return strings.TrimSuffix(s, ".") + ". " + d.Title
}

// in is the corpus as a container of a cited part: "Title, edited by
// Yuki Okada and Maria Ivanova".
func (d datasetCite) in() string {
	s := d.Title
	if ns := d.names(); len(ns) > 0 {
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = n.natural()
		}
		s += ", edited by " + join(parts)
	}
	// The persistent address outlives the server a permalink names.
	if d.URL != "" {
		s += " (" + d.URL + ")"
	}
	return s
}

// edition is the version a citation names: the release (the data) and
// the program that served it.
func edition(rel string) string {
	return "release " + rel + " (program version " + tokumu.Version + ")"
}

// accessed is the day a citation was made, as Chicago writes it.
func accessed() string { return time.Now().Format("January 2, 2006") }

// chicagoRelease cites the whole release as a dataset, at the corpus's
// own address when it has one, else where it was served from.
func chicagoRelease(d datasetCite, rel, base string) string {
	u := base
	if d.URL != "" {
		u = d.URL
	}
	return d.lead() + ". Dataset, " + edition(rel) + ". Accessed " + accessed() + ". " + u + "."
}

// releaseName is currentRelease's name.
func (sn *snapshot) releaseName() string {
	name, _ := sn.currentRelease()
	return name
}

// healthJSON is /api/health.
type healthJSON struct {
	Status   string `json:"status"`
	Release  string `json:"release,omitempty"`
	Revision int64  `json:"revision,omitempty"`
	Current  bool   `json:"current"`
	Error    string `json:"error,omitempty"`
}

// handleHealth reads the database now (its newest revision and hash),
// for a monitor: the other answers come from the read models in memory
// and stay 200 while a stopped database makes every page that reads it
// fail. Open on a closed server (readAllowed), and it says no more than
// the footer does.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	st := s.st(r)
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	head, err := tokumu.HeadRevision(ctx, st.store)
	var hash string
	if err == nil {
		hash, err = st.store.Hash(ctx)
	}
	if err != nil {
		s.Logger.Warn("health: the database does not answer", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, healthJSON{Status: "unavailable", Error: "the database does not answer: " + tokumu.ErrorMessage(err)})
		return
	}
	writeJSON(w, http.StatusOK, healthJSON{Status: "ok", Release: st.snap.releaseName(), Revision: head,
		Current: head == st.rev && hash == st.snap.hash})
}

// ServedRelease is the name a citation of store's data gives, as a server
// of it would (servedRelease): the import's hash, a release's name, or the
// import's with "+rN" after edits no release holds. For the CLI.
func ServedRelease(ctx context.Context, store tokumu.Store) (string, error) {
	hash, err := store.Hash(ctx)
	if err != nil || hash == "" {
		return "", err
	}
	rev, err := tokumu.HeadRevision(ctx, store)
	if err != nil {
		return "", err
	}
	since, err := tokumu.ImportRevision(ctx, store)
	if err != nil {
		return "", err
	}
	name, _ := servedRelease(ctx, store, hash, rev, since)
	return name, nil
}

// releaseDates finds when a release was frozen, for the date an
// author-date citation prints: a created release's time, or the
// import's for the import's name. A name's date never changes, so each
// is asked of the store once.
type releaseDates struct {
	store tokumu.Store
	mu    sync.Mutex
	known map[string]time.Time
}

// releaseDate returns when release name was frozen; zero for data no
// release holds ("R+r12") or when the store does not say.
func (sn *snapshot) releaseDate(name string) time.Time {
	d := sn.dates
	if d == nil || tokumu.CheckReleaseName(name) != nil {
		return time.Time{}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if t, ok := d.known[name]; ok {
		return t
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var t time.Time
	if rs, ok := d.store.(tokumu.Releases); ok {
		if l, err := rs.ListReleases(ctx); err == nil {
			for _, r := range l {
				if r.Name == name {
					t = r.Created
				}
			}
		}
	}
	if t.IsZero() && name == ReleaseOf(sn.hash) {
		t, _ = tokumu.ImportedAt(ctx, d.store)
	}
	if len(d.known) < 1024 {
		d.known[name] = t
	}
	return t
}
