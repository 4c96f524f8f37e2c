package yamlcorpus

import (
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

// settingsDecl is settings.yaml: the corpus's view defaults, with the
// positions of the references the linker checks.
type settingsDecl struct {
	s    tokumu.Settings
	file string
	root ref // structure.root, an organization or unit
}

// settings decodes
//
//	structure: {root: kwantung-army, date: "1939-06-01", compare: "1941-06-01"}
//	timeline: {from: 1919, to: 1953}
//	map: {year: 1939}
//	network: {from: 1937, to: 1941}
//	repository: https://github.com/tokumu/tokumu/blob/main/corpus/
//	citation: {title: "…", editors: [tokumu editors], url: https://doi.org/…}
func (d *decoder) settings(n *yaml.Node) *settingsDecl {
	sd := &settingsDecl{file: d.file}
	st := &sd.s
	year := func(v *yaml.Node, field string, dst *int) {
		s := d.str(v, field)
		y, err := strconv.Atoi(s)
		if err != nil || y < 1000 || y > 2999 {
			d.errorf(v, "%s: %q is not a year (write e.g. 1939)", field, s)
			return
		}
		*dst = y
	}
	date := func(v *yaml.Node, field string, dst *string) {
		s := d.str(v, field)
		w, _, err := tokumu.ParseWhen(s)
		if err != nil || w.IsZero() {
			d.errorf(v, "%s: %q is not a date (write e.g. 1939-06-01)", field, s)
			return
		}
		*dst = w.EDTF
	}
	webAddress := func(v *yaml.Node, field, example string) string {
		u := d.str(v, field)
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			d.errorf(v, "%s: %q is not a web address (write e.g. %s)", field, u, example)
			return ""
		}
		return u
	}
	d.fields(n, "settings", []string{"structure", "timeline", "map", "network", "repository", "citation"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "citation":
			d.fields(v, "citation settings", []string{"title", "editors", "url"}, func(key string, k, v *yaml.Node) {
				switch key {
				case "title":
					st.Title = d.str(v, "citation.title")
				case "editors":
					if v.Kind != yaml.SequenceNode {
						d.errorf(v, "citation.editors: give a list, e.g. [tokumu editors] or [\"Family, Given\"]")
						return
					}
					for _, e := range v.Content {
						if s := strings.TrimSpace(d.str(e, "citation.editors")); s != "" {
							st.Editors = append(st.Editors, s)
						}
					}
				case "url":
					st.URL = webAddress(v, "citation.url", "https://doi.org/10.5281/zenodo.NNNNNNN")
				}
			})
		case "repository":
			st.Repository = webAddress(v, "repository", "https://github.com/OWNER/REPO/blob/main/corpus/")
		case "structure":
			d.fields(v, "structure settings", []string{"root", "date", "compare"}, func(key string, k, v *yaml.Node) {
				switch key {
				case "root":
					st.StructureRoot = d.str(v, "structure.root")
					sd.root = ref{id: st.StructureRoot, at: at(v)}
				case "date":
					date(v, "structure.date", &st.StructureDate)
				case "compare":
					date(v, "structure.compare", &st.StructureCompare)
				}
			})
		case "timeline":
			d.fields(v, "timeline settings", []string{"from", "to"}, func(key string, k, v *yaml.Node) {
				if key == "from" {
					year(v, "timeline.from", &st.TimelineFrom)
				} else {
					year(v, "timeline.to", &st.TimelineTo)
				}
			})
		case "map":
			d.fields(v, "map settings", []string{"year"}, func(key string, k, v *yaml.Node) {
				year(v, "map.year", &st.MapYear)
			})
		case "network":
			d.fields(v, "network settings", []string{"from", "to"}, func(key string, k, v *yaml.Node) {
				if key == "from" {
					year(v, "network.from", &st.NetworkFrom)
				} else {
					year(v, "network.to", &st.NetworkTo)
				}
			})
		}
	})
	return sd
}
