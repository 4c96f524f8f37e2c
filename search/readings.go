package search

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/ikawaha/kagome-dict/dict"
)

// readingsTSV is what the analyzer reads in the kanji names of the
// embedded corpus, so that indexing it never loads the dictionary (a
// second and ~90 MB of every CLI command). Each line is a run of Japanese
// in readingForm, a tab, and the reading of each of its morphemes,
// separated by spaces, or "-" when the dictionary has none for one of them.
// TestReadingTable checks it against the dictionary and the corpus, and
// rewrites it with -update.
//
//go:embed readings.tsv
var readingsTSV string

// userDictCSV corrects the analyzer where the IPA dictionary misreads a
// name of this field (新京 as しんみやこ, 降伏 as ごうぶく): a kagome user
// dictionary, which the analyzer prefers over its own.
//
//go:embed userdict.csv
var userDictCSV string

// userDict returns the parsed userDictCSV. It panics on a malformed file,
// which TestUserDict would have caught: the file is embedded.
func userDict() *dict.UserDict {
	recs, err := dict.NewUserDicRecords(strings.NewReader(userDictCSV))
	if err != nil {
		panic("search: userdict.csv: " + err.Error())
	}
	d, err := recs.NewUserDict()
	if err != nil {
		panic("search: userdict.csv: " + err.Error())
	}
	return d
}

// knownReadings returns the table of readingsTSV, parsed on first use.
var knownReadings = sync.OnceValue(func() map[string][]string {
	return parseReadings(readingsTSV)
})

func parseReadings(tsv string) map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		form, parts, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if parts == "-" {
			m[form] = nil
		} else {
			m[form] = strings.Fields(parts)
		}
	}
	return m
}
