package web

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// handleExport answers GET /api/export?format=F[&entity=ID][&from=][&to=]
// [&type=][&tag=][&table=][&base=][&lang=]: the export tokumu export
// writes, streamed as a download. Every parameter is checked before the
// first byte is sent, so a bad one gets a 400 that names it; after that an
// error can only cut the download short (and is logged).
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f, err := format.Lookup(v.Get("format"))
	if err != nil {
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter format: %s", tokumu.ErrorMessage(err)))
		return
	}
	q := format.Query{Entity: v.Get("entity"), Type: tokumu.EntityType(v.Get("type")), Tag: v.Get("tag")}
	if q.From, err = day(r, "from"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if v.Get("to") != "" {
		wt, _, err := tokumu.ParseWhen(v.Get("to"))
		if err != nil {
			s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter to=%q is not a date: %v (write e.g. 1941-12-31)", v.Get("to"), err))
			return
		}
		q.To = wt.Stated().Latest
	}
	base := v.Get("base")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host + "/"
	}
	lang := v.Get("lang")
	switch lang {
	case "", "en", "ja", "ru":
	default:
		s.writeError(w, r, tokumu.Errorf(tokumu.EINVALID, "parameter lang=%q: use en, ja or ru", lang))
		return
	}
	x, err := format.NewExport(r.Context(), s.st(r).store, q, format.Options{Base: base, Lang: lang, Table: v.Get("table"), Release: s.st(r).snap.releaseName()})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The file names the release it holds, so that a download can be
	// told apart from another release's (tokumu-a56e973502ea.ttl).
	name := "tokumu"
	if rel := fileSafe.ReplaceAllString(s.st(r).snap.releaseName(), "-"); rel != "" {
		name += "-" + rel
	}
	if q.Entity != "" {
		name += "-" + q.Entity
	}
	ext := f.Ext
	if f.Name == "csv" && x.Options.Table != "" {
		name += "-" + x.Options.Table
		ext = ".csv"
	}
	ct := f.MediaType
	if ext == ".csv" {
		ct = "text/csv"
	}
	if strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "json") || strings.HasSuffix(ct, "xml") {
		ct += "; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+ext+`"`)
	if err := f.Write(r.Context(), w, x); err != nil {
		s.Logger.Error("export cut short", "url", r.URL.String(), "err", err)
	}
}

// fileSafe is what a download's file name may not hold.
var fileSafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
