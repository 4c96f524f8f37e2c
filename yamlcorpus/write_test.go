package yamlcorpus_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// strip clears what a reload may change (where things are written, the
// hash of the files) and sorts by id, so that two Datasets compare by
// content.
func strip(ds *tokumu.Dataset) *tokumu.Dataset {
	out := *ds
	out.Hash = ""
	out.Predicates = nil
	for _, p := range ds.Predicates {
		q := *p
		q.Origin = ""
		out.Predicates = append(out.Predicates, &q)
	}
	out.Sources = nil
	for _, s := range ds.Sources {
		q := *s
		q.Origin = ""
		out.Sources = append(out.Sources, &q)
	}
	out.Entities = nil
	for _, e := range ds.Entities {
		q := *e
		q.Origin = ""
		out.Entities = append(out.Entities, &q)
	}
	out.Claims = nil
	for _, c := range ds.Claims {
		q := *c
		q.Origin = ""
		out.Claims = append(out.Claims, &q)
	}
	sort.Slice(out.Sources, func(i, j int) bool { return out.Sources[i].ID < out.Sources[j].ID })
	sort.Slice(out.Entities, func(i, j int) bool { return out.Entities[i].ID < out.Entities[j].ID })
	sort.Slice(out.Claims, func(i, j int) bool { return out.Claims[i].ID < out.Claims[j].ID })
	return &out
}

// TestWriteRoundTrip writes the embedded corpus out and loads it back: the
// same Dataset, field for field; and writing the reloaded corpus again
// gives the same bytes (deterministic output).
func TestWriteRoundTrip(t *testing.T) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := yamlcorpus.Write(dir, ds); err != nil {
		t.Fatal(err)
	}
	back, err := yamlcorpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("the written corpus does not load: %v", err)
	}
	a, b := strip(ds), strip(back)
	if len(a.Claims) != len(b.Claims) || len(a.Entities) != len(b.Entities) || len(a.Sources) != len(b.Sources) || len(a.Predicates) != len(b.Predicates) {
		t.Fatalf("counts differ: claims %d→%d, entities %d→%d, sources %d→%d, predicates %d→%d",
			len(a.Claims), len(b.Claims), len(a.Entities), len(b.Entities), len(a.Sources), len(b.Sources), len(a.Predicates), len(b.Predicates))
	}
	for i := range a.Claims {
		if !reflect.DeepEqual(a.Claims[i], b.Claims[i]) {
			t.Errorf("claim differs:\n was %+v\n now %+v", a.Claims[i], b.Claims[i])
			break
		}
	}
	for i := range a.Entities {
		if !reflect.DeepEqual(a.Entities[i], b.Entities[i]) {
			t.Errorf("entity differs:\n was %+v\n now %+v", a.Entities[i], b.Entities[i])
			break
		}
	}
	for i := range a.Sources {
		if !reflect.DeepEqual(a.Sources[i], b.Sources[i]) {
			t.Errorf("source differs:\n was %+v\n now %+v", a.Sources[i], b.Sources[i])
			break
		}
	}
	if !reflect.DeepEqual(a.Predicates, b.Predicates) || !reflect.DeepEqual(a.Settings, b.Settings) {
		t.Errorf("vocabulary or settings differ")
	}

	dir2 := filepath.Join(t.TempDir(), "again")
	if err := yamlcorpus.Write(dir2, back); err != nil {
		t.Fatal(err)
	}
	h1, _ := yamlcorpus.Hash(os.DirFS(dir))
	h2, _ := yamlcorpus.Hash(os.DirFS(dir2))
	if h1 != h2 {
		t.Errorf("writing the same corpus twice gave different files (hash %s vs %s)", h1, h2)
	}
}

// TestWriteEntityText pins the written form of one small entity.
func TestWriteEntityText(t *testing.T) {
	e := &tokumu.Entity{ID: "harbin", Type: tokumu.Place, Names: []tokumu.Name{
		{Text: "哈爾浜", Lang: "ja", Kind: tokumu.Native}, {Text: "Harbin", Lang: "en", Kind: tokumu.Native}}}
	c := &tokumu.Claim{Subject: "harbin", Predicate: "coordinates", Value: "45.75, 126.63", Source: "s1", Grade: tokumu.Grade{Reliability: 'B', Credibility: 2}}
	c.ID = tokumu.DeriveClaimID(c)
	var b bytes.Buffer
	if err := yamlcorpus.WriteEntity(&b, e, []*tokumu.Claim{c}, nil); err != nil {
		t.Fatal(err)
	}
	want := `id: harbin
type: place
names:
  - {text: 哈爾浜, lang: ja}
  - {text: Harbin, lang: en}
claims:
  - p: coordinates
    v: 45.75, 126.63
    source: s1
    grade: B2
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestWriteSourceText pins the written form of a source with the fields
// a derived copy carries: derived_from was once dropped on writing.
func TestWriteSourceText(t *testing.T) {
	s := &tokumu.Source{ID: "press-report", Kind: tokumu.Press, Type: "article-newspaper",
		Authors: []tokumu.Agent{{Literal: "Коммерсантъ"}}, Title: "A report", Container: "Коммерсантъ",
		URL: "https://example.org/doc/1", Accessed: "2026-12-03", Language: "ru",
		DerivedFrom: []string{"official-page", "agency-wire"}, Note: "Repeats the official page."}
	var b bytes.Buffer
	if err := yamlcorpus.WriteSource(&b, s); err != nil {
		t.Fatal(err)
	}
	want := `id: press-report
kind: press
type: article-newspaper
author:
  - {literal: Коммерсантъ}
title: A report
container: Коммерсантъ
url: https://example.org/doc/1
accessed: "2026-12-03"
language: ru
derived_from: [official-page, agency-wire]
note: Repeats the official page.
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
	err := yamlcorpus.Write(dir, &tokumu.Dataset{})
	if tokumu.ErrorCode(err) != tokumu.EINVALID {
		t.Fatalf("Write into a non-empty directory: %v, want EINVALID", err)
	}
}

// TestWrittenGrade: a claim is written with the least grade that loads
// back to its effective one, so that it follows its source: a source's
// kind corrected after a convert run changes the grades that came from
// it (a researcher's sheet left the grade blank; the guessed kind's
// letter must not be frozen into her claims).
func TestWrittenGrade(t *testing.T) {
	src := &tokumu.Source{ID: "s1", Kind: tokumu.Scholarly} // default B2
	for _, tt := range []struct {
		grade tokumu.Grade
		src   *tokumu.Source
		want  string // the claim's grade line, "" for none
	}{
		{tokumu.Grade{Reliability: 'B', Credibility: 2}, src, ""},
		{tokumu.Grade{Reliability: 'B', Credibility: 3}, src, "    grade: \"3\"\n"},
		{tokumu.Grade{Reliability: 'C', Credibility: 2}, src, "    grade: C2\n"},
		{tokumu.Grade{Reliability: 'A', Credibility: 1}, &tokumu.Source{ID: "s1", Kind: tokumu.Scholarly, Reliability: 'A'}, "    grade: \"1\"\n"}, // the source's own reliability
		{tokumu.Grade{Reliability: 'B', Credibility: 2}, nil, "    grade: B2\n"},                                                                   // no source to write against
	} {
		e := &tokumu.Entity{ID: "harbin", Type: tokumu.Place, Names: []tokumu.Name{{Text: "Harbin", Lang: "en", Kind: tokumu.Native}}}
		c := &tokumu.Claim{Subject: "harbin", Predicate: "coordinates", Value: "45.75, 126.63", Source: "s1", Grade: tt.grade}
		c.ID = tokumu.DeriveClaimID(c)
		var b bytes.Buffer
		if err := yamlcorpus.WriteEntity(&b, e, []*tokumu.Claim{c}, func(string) *tokumu.Source { return tt.src }); err != nil {
			t.Fatal(err)
		}
		want := "id: harbin\ntype: place\nnames:\n  - {text: Harbin, lang: en}\nclaims:\n  - p: coordinates\n    v: 45.75, 126.63\n    source: s1\n" + tt.want
		if b.String() != want {
			t.Errorf("%s on %v: got\n%s\nwant\n%s", tt.grade, tt.src, b.String(), want)
		}
		// And it loads back to the effective grade.
		if tt.src != nil {
			if g := tokumu.EffectiveGrade(tt.src, tokumu.WrittenGrade(tt.src, tt.grade)); g != tt.grade {
				t.Errorf("%s: written %s loads back as %s", tt.grade, tokumu.WrittenGrade(tt.src, tt.grade), g)
			}
		}
	}
}
