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
	d.fields(n, "settings", []string{"structure", "timeline", "map", "network", "repository"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "repository":
			u := d.str(v, "repository")
			if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				d.errorf(v, "repository: %q is not a web address (write e.g. https://github.com/OWNER/REPO/blob/main/corpus/)", u)
				return
			}
			st.Repository = u
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
