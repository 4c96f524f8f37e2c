package yamlcorpus_test

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/synth"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// streamAll runs both passes, collecting the claims as Load's Dataset
// would hold them.
func streamAll(fsys fs.FS) (*tokumu.Dataset, error) {
	st, err := yamlcorpus.Prepare(fsys)
	if err != nil {
		return nil, err
	}
	ds := *st.Head()
	err = st.Claims(func(cs []*tokumu.Claim) error {
		ds.Claims = append(ds.Claims, cs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(ds.Claims) != st.NumClaims() {
		return nil, errors.New("NumClaims differs from the claims given")
	}
	return &ds, nil
}

// TestStreamSameAsLoad: the two passes give what Load gives — every
// predicate, source, entity and claim, in the same order, with the same
// ids, grades and origins, the same warnings and hash — on the embedded
// corpus, the test corpus and a synthetic one.
func TestStreamSameAsLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(dir, 3000, 5); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{{"embedded", os.DirFS("../corpus")}, {"testdata/good", os.DirFS("testdata/good")}, {"synthetic", os.DirFS(dir)}} {
		want, err := yamlcorpus.Load(c.fsys)
		if err != nil {
			t.Fatalf("%s: Load: %v", c.name, err)
		}
		got, err := streamAll(c.fsys)
		if err != nil {
			t.Fatalf("%s: stream: %v", c.name, err)
		}
		if len(got.Claims) == 0 || len(got.Claims) != len(want.Claims) {
			t.Fatalf("%s: %d claims streamed, Load has %d", c.name, len(got.Claims), len(want.Claims))
		}
		if !reflect.DeepEqual(got, want) {
			for i := range want.Claims {
				if !reflect.DeepEqual(got.Claims[i], want.Claims[i]) {
					t.Fatalf("%s: claim %d: streamed %+v, Load %+v", c.name, i, got.Claims[i], want.Claims[i])
				}
			}
			t.Errorf("%s: the streamed dataset differs from Load's outside the claims", c.name)
		}
	}
}

// TestStreamErrors: a corpus with a problem fails the pass that meets it
// with Load's own list of problems, whichever pass that is.
func TestStreamErrors(t *testing.T) {
	base := func() fstest.MapFS { return goodBase(t) }
	for _, tt := range []struct {
		name, file, body string
		pass             int // the pass that finds it
	}{
		{"duplicate entity", "entities/organization/dup.yaml", "id: test-army\ntype: organization\nnames: [{text: X, lang: en}]\n", 1},
		{"yaml syntax", "entities/organization/x.yaml", "id: x\ntype: [organization\n", 1},
		{"two-step cycle", "entities/organization/test-army.yaml", "id: test-army\ntype: organization\nnames: [{text: Army, lang: en}]\nclaims:\n  - {p: part_of, o: test-agency, source: test-monograph}\n", 1},
		{"same claim twice", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, source: test-monograph}\n  - {p: part_of, o: test-army, source: test-monograph}\n", 1},
		{"unknown source", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, source: test-monografh}\n", 2},
		{"wrong object type", "entities/person/p.yaml", "id: p\ntype: person\nnames: [{text: P, lang: en}]\nclaims:\n  - {p: head_of, o: p, source: test-monograph}\n", 2},
		{"unknown evidence", "entities/organization/x.yaml", "id: x\ntype: organization\nnames: [{text: X, lang: en}]\nclaims:\n  - {p: part_of, o: test-army, source: test-monograph, supported_by: [no-such-claim]}\n", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := base()
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.body)}
			_, want := yamlcorpus.Load(fsys)
			var list yamlcorpus.ErrorList
			if !errors.As(want, &list) {
				t.Fatalf("Load: %v; want an ErrorList", want)
			}
			st, err := yamlcorpus.Prepare(fsys)
			pass := 1
			if err == nil {
				pass = 2
				err = st.Claims(func([]*tokumu.Claim) error { return nil })
			}
			if err == nil || err.Error() != want.Error() {
				t.Fatalf("stream: %v\nwant Load's: %v", err, want)
			}
			if pass != tt.pass {
				t.Errorf("found in pass %d, want pass %d", pass, tt.pass)
			}
		})
	}

	// A file changed between the passes is refused, not imported half old.
	fsys := base()
	st, err := yamlcorpus.Prepare(fsys)
	if err != nil {
		t.Fatal(err)
	}
	f := fsys["entities/organization/test-army.yaml"]
	f.Data = append(append([]byte{}, f.Data...), "# edited\n"...)
	err = st.Claims(func([]*tokumu.Claim) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "changed while it was read") {
		t.Errorf("a file changed between the passes: %v; want 'changed while it was read'", err)
	}

	// An error from emit stops the pass and is returned as it is.
	stop := errors.New("stop")
	st, err = yamlcorpus.Prepare(base())
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	if err := st.Claims(func([]*tokumu.Claim) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("emit failing: Claims returned %v after %d calls; want stop after 1", err, calls)
	}
}
