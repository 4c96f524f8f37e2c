package main

import (
	"strings"
	"sync"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

var (
	fuzzOnce sync.Once
	fuzzDS   *tokumu.Dataset
)

// FuzzConvertCSV: no claims spreadsheet makes convert panic; every
// problem it reports names the file and a row of it (the header is row
// 1, a cell's line breaks do not count); and a sheet it accepts plans
// files that load with the corpus, or says why not, before anything is
// written.
func FuzzConvertCSV(f *testing.F) {
	fuzzOnce.Do(func() {
		ds, err := yamlcorpus.Load(corpus.FS)
		if err != nil {
			f.Fatal(err)
		}
		fuzzDS = ds
	})
	for _, s := range []string{
		"subject,predicate,object,value,when,source,grade,note\nsorge-richard,description,,Arrested in Tokyo.,1941-10,zor23,B2,a note\n",
		"subject;predicate;value;unit;when;source;by\nsoviet-far-eastern-forces;strength;1.5;divisions;1939;gold;kwantung-army\n",
		"\ufeffSubject\tP\tO\tperspective\tlocator\tsource\nkomatsubara-michitaro\tcommanded\tkwantung-army-23rd-division\t\tp. 3\tgold\n",
		"subject,predicate,value,source,named_subject,named_words,when_text\nlyushkov-genrikh,description,\"two\nlines\",zor23,Люшков,editors,лето 1938 г.\n",
		"subject,predicate,source\n,,\n\"unclosed,x\n",
		"id,subject,predicate,value,source,supported_by,complicated_by\nx~1,sorge-richard,description,v,zor23,sorge-richard~0,\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<14 {
			return
		}
		cv := newConverter(fuzzDS)
		cv.claimsCSV("claims.csv", []byte(s))
		rows := strings.Count(s, "\n") + 2
		for _, e := range append(append(yamlcorpus.ErrorList(nil), cv.errs...), cv.notes...) {
			if e.File != "claims.csv" || e.Line < 1 || e.Line > rows || e.Col < 0 || e.Msg == "" {
				t.Fatalf("problem %q at %s:%d:%d: want claims.csv, a row in 1..%d and a message", e.Msg, e.File, e.Line, e.Col, rows)
			}
		}
		if len(cv.errs) > 0 {
			return
		}
		files, from, err := cv.plan(corpus.FS)
		if err != nil {
			t.Fatalf("an accepted sheet does not plan: %v", err)
		}
		if err := cv.verify(corpus.FS, files, from); err != nil {
			t.Fatalf("verify: %v", err)
		}
		for _, e := range cv.errs {
			if e.Msg == "" || !strings.Contains(e.Msg, "converted from") {
				t.Fatalf("verify's problem %v does not say which row it came from", e)
			}
		}
	})
}
