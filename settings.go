package tokumu

// IsZero reports whether s sets nothing (a corpus without settings.yaml).
func (s *Settings) IsZero() bool {
	return s.StructureRoot == "" && s.StructureDate == "" && s.StructureCompare == "" && s.TimelineFrom == 0 && s.TimelineTo == 0 &&
		s.MapYear == 0 && s.NetworkFrom == 0 && s.NetworkTo == 0 && s.Repository == "" && s.Title == "" && len(s.Editors) == 0 && s.URL == ""
}

// Settings are a corpus's defaults for its views: where the structure
// chart opens, which years the timeline, the map and the network show
// first. They belong to the corpus (settings.yaml at its root), not to the
// engine, so that another corpus opens on its own organization and years.
// Zero fields mean "no default": the views then start from the data.
type Settings struct {
	// StructureRoot is the organization the structure page shows first;
	// StructureDate and StructureCompare the two dates it compares
	// (EDTF days, e.g. "1939-06-01").
	StructureRoot    string `json:"structure_root,omitempty"`
	StructureDate    string `json:"structure_date,omitempty"`
	StructureCompare string `json:"structure_compare,omitempty"`
	// TimelineFrom and TimelineTo bound the timeline's first view (years).
	TimelineFrom int `json:"timeline_from,omitempty"`
	TimelineTo   int `json:"timeline_to,omitempty"`
	// MapYear is the year the map's slider starts at.
	MapYear int `json:"map_year,omitempty"`
	// NetworkFrom and NetworkTo are the network page's first range (years).
	NetworkFrom int `json:"network_from,omitempty"`
	NetworkTo   int `json:"network_to,omitempty"`
	// Repository is where the corpus's files can be read on the web, the
	// URL that a file's path is appended to (e.g.
	// "https://github.com/tokumu/tokumu/blob/main/corpus/"). Citations
	// then link "corpus file" to the line a claim is written on; without
	// it readers are not shown the file at all.
	Repository string `json:"repository,omitempty"`
	// Title, Editors and URL are how the corpus is cited as a dataset:
	// its title, the people or body its editors wish to be named as, and
	// the stable public address that identifies it (a DOI's
	// https://doi.org/ address, a project page). Without a URL a
	// citation gives the address the page was served from, which is
	// only as lasting as the server.
	Title   string   `json:"title,omitempty"`
	Editors []string `json:"editors,omitempty"`
	URL     string   `json:"url,omitempty"`
}
