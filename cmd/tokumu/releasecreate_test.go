package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/sqlite"
)

var releaseLine = regexp.MustCompile(`^release ([0-9a-f]{12}): 8 entities, 9 claims, 3 sources, up to revision (\d+)\n`)

// TestReleaseCreate, on SQLite and PostgreSQL: a release of the fixture
// (8 entities, 9 claims, 3 sources) is made once (again, it names the
// same one); after an edit a second release is made; the list shows both,
// newest first, with the note; each release exports as a YAML corpus that,
// imported, gives a database whose hash is the release's (so its footer
// shows the release), and the two exports differ by exactly the edit.
func TestReleaseCreate(t *testing.T) {
	for kind, db := range fixtureDBs(t) {
		t.Run(kind, func(t *testing.T) {
			if code, out, _ := run(t, db, "release", "list"); code != 0 || !strings.HasPrefix(out, "no releases yet") {
				t.Errorf("release list before any: exit %d %q", code, out)
			}
			code, out, errs := run(t, db, "release", "create", "--note", "before the edit")
			m := releaseLine.FindStringSubmatch(out)
			if code != 0 || m == nil || m[2] != "0" {
				t.Fatalf("release create: exit %d, %q %q; want 8 entities, 9 claims, 3 sources, revision 0", code, out, errs)
			}
			r1 := m[1]
			if code, out, _ := run(t, db, "release", "create"); code != 0 || !strings.HasPrefix(out, "release "+r1+" exists already") {
				t.Errorf("a second release of the unchanged database: exit %d %q; want %s named", code, out, r1)
			}
			// One edit through the store, as the server makes it.
			ctx := context.Background()
			st := openTeam(t, kind, db)
			cs, err := st.Claims(ctx, tokumu.ClaimFilter{Subject: "doihara-kenji", Predicate: "head_of"})
			if err != nil || len(cs) != 1 || cs[0].Locator != "p/14" {
				t.Fatalf("the fixture's c-doihara-head: %v %v", cs, err)
			}
			cs[0].Locator = "p/77"
			if err := st.(tokumu.Editor).Apply(ctx, &tokumu.Revision{Author: "alice", Message: "the page is 77",
				Changes: []tokumu.Change{{Op: tokumu.OpPut, Kind: tokumu.KindClaim, ID: cs[0].ID, After: cs[0]}}}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			code, out, _ = run(t, db, "release", "create")
			m = releaseLine.FindStringSubmatch(out)
			if code != 0 || m == nil || m[2] != "1" || m[1] == r1 {
				t.Fatalf("release create after the edit: exit %d %q; want a new release up to revision 1", code, out)
			}
			r2 := m[1]
			code, out, _ = run(t, db, "release", "list")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], r2+"  ") || !strings.Contains(lines[0], "  r1  8 entities, 9 claims, 3 sources") ||
				!strings.HasPrefix(lines[1], r1+"  ") || !strings.HasSuffix(lines[1], "  r0  8 entities, 9 claims, 3 sources  before the edit") {
				t.Errorf("release list: exit %d\n%s", code, out)
			}
			code, out, _ = run(t, db, "--json", "release", "list")
			var list []tokumu.Release
			if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) != 2 || list[1].Name != r1 || !strings.HasPrefix(list[1].Hash, r1) || len(list[1].Hash) != 64 {
				t.Fatalf("release list --json: %v %s", err, out)
			}
			tmp := t.TempDir()
			for i, r := range []string{r1, r2} {
				dir := filepath.Join(tmp, r)
				if code, _, errs := run(t, db, "export", "--release", r, "--format", "yaml", "-o", dir); code != 0 {
					t.Fatalf("export --release %s: exit %d %s", r, code, errs)
				}
				imported := filepath.Join(tmp, r+".db")
				if code, _, errs := run(t, "", "import", "--db", imported, dir); code != 0 {
					t.Fatalf("import of release %s's export: exit %d %s", r, code, errs)
				}
				idb, err := sqlite.Open(ctx, imported, sqlite.Options{})
				if err != nil {
					t.Fatal(err)
				}
				h, err := idb.Hash(ctx)
				idb.Close()
				if err != nil || h != list[1-i].Hash {
					t.Errorf("the import of release %s's export has hash %q; want the release's %q", r, h, list[1-i].Hash)
				}
			}
			code, out, _ = run(t, "", "release", "diff", filepath.Join(tmp, r1), filepath.Join(tmp, r2))
			if code != 0 || !strings.Contains(out, "  ~ c-doihara-head head_of (loc: p/14 → p/77)\n") || !strings.HasSuffix(out, "0 claims added, 0 removed, 1 changed\n") {
				t.Errorf("release diff of the two releases' exports: exit %d\n%s", code, out)
			}
			if code, _, errs := run(t, db, "export", "--release", "zz", "--format", "yaml"); code != 2 || !strings.Contains(errs, "12 hex digits") {
				t.Errorf("export --release zz: exit %d %q; want 2 and the form of a name", code, errs)
			}
			if code, _, errs := run(t, db, "export", "--release", "000000000000", "--format", "csv"); code != 1 || !strings.Contains(errs, "no release 000000000000") {
				t.Errorf("export of an unknown release: exit %d %q; want 1", code, errs)
			}
			if code, _, errs := run(t, db, "release", "frobnicate"); code != 2 || !strings.Contains(errs, "give create, list or diff") {
				t.Errorf("release frobnicate: exit %d %q", code, errs)
			}
		})
	}
}
