package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// version prints what a bug report needs to name this build exactly: the
// version, the embedded corpus's content hash (the "release hash": the
// same hash marks the database built from it), the commit the binary was
// built from and the Go version. The commit comes from the build's VCS
// stamp; builds with -buildvcs=false (or outside a repository) have none
// and say so.
func (m *Main) version(w io.Writer) {
	fmt.Fprintln(w, "tokumu", tokumu.Version)
	if h, err := yamlcorpus.Hash(corpus.FS); err == nil {
		// The release name is what pages and citations show of the hash.
		fmt.Fprintf(w, "corpus %s (release %s)\n", h, tokumu.ReleaseName(h))
	} else {
		fmt.Fprintln(w, "corpus unreadable:", err)
	}
	rev, goVersion := "unknown (built without VCS information; build with -buildvcs=true in a git checkout)", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		var r, t, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				r = s.Value
			case "vcs.time":
				t = " " + s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+modified"
				}
			}
		}
		if r != "" {
			rev = r + dirty + t
		}
	}
	fmt.Fprintln(w, "commit", rev)
	fmt.Fprintln(w, "go", goVersion)
}
