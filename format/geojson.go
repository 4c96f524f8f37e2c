package format

import (
	"context"
	"io"

	"github.com/tokumu/tokumu"
)

func init() {
	Register(&Format{
		Name: "geojson", MediaType: "application/geo+json", Ext: ".geojson",
		Summary: "GeoJSON (RFC 7946) of the places, with their names in every script, for QGIS and web maps",
		Write:   writeGeoJSON,
	})
	Register(&Format{
		Name: "lpf", MediaType: "application/ld+json", Ext: ".lpf.json",
		Summary: "Linked Places Format v1.2, the World Historical Gazetteer's format: places with names, types, points and when",
		Write:   writeLPF,
	})
}

// place is a place of the export with its points.
type place struct {
	e      *tokumu.Entity
	points []point
	within []*tokumu.Claim // claims placing it in another place
}

type point struct {
	lat, lon float64
	c        *tokumu.Claim
}

// places calls fn for each place the export names, with the points its
// coordinates claims give (read from the store per place, so that a
// neighbourhood export still locates the places it names).
func places(ctx context.Context, x *Export, fn func(p *place) error) error {
	coords := x.Vocab().ID(tokumu.RoleCoordinates)
	located := x.Vocab().ID(tokumu.RoleLocatedIn)
	return x.Entities(ctx, func(e *tokumu.Entity) error {
		if e.Type != tokumu.Place {
			return nil
		}
		p := &place{e: e}
		cs, err := x.Store.Claims(ctx, tokumu.ClaimFilter{Subject: e.ID})
		if err != nil {
			return err
		}
		for _, c := range cs {
			switch {
			case c.Predicate == coords && coords != "":
				lat, lon, err := tokumu.ParsePoint(c.Value)
				if err == nil {
					p.points = append(p.points, point{lat, lon, c})
				}
			case c.Predicate == located && located != "" && x.Has(c.Object):
				p.within = append(p.within, c)
			}
		}
		return fn(p)
	})
}

type geoFeature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   any            `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geoPoint struct {
	Type        string    `json:"type"`
	Coordinates []float64 `json:"coordinates"`
}

func writeGeoJSON(ctx context.Context, w io.Writer, x *Export) error {
	js := newJSONStream(w, `{"type":"FeatureCollection","features":[`)
	err := places(ctx, x, func(p *place) error {
		f := geoFeature{Type: "Feature", ID: p.e.ID, Properties: map[string]any{
			"id": p.e.ID, "label": p.e.Label(x.Options.Lang), "uri": x.EntityIRI(p.e.ID),
		}}
		// name_ja, name_ja-Latn, name_ru …: one column a script in QGIS,
		// the place's own name in it (Changchun, not its former Hsinking);
		// an alias or a former name only where the script has no other.
		for _, proper := range []bool{true, false} {
			for _, n := range p.e.Names {
				k := "name_" + n.Lang
				if _, ok := f.Properties[k]; !ok && n.Kind.Proper() == proper {
					f.Properties[k] = n.Text
				}
			}
		}
		if len(p.points) > 0 {
			pt := p.points[0]
			f.Geometry = geoPoint{"Point", []float64{pt.lon, pt.lat}}
			f.Properties["source"] = pt.c.Source
			if !pt.c.When.IsZero() {
				f.Properties["when"] = pt.c.When.EDTF
			}
		}
		return js.add(f)
	})
	if err != nil {
		return err
	}
	return js.close()
}

// The Linked Places Format: a GeoJSON FeatureCollection whose features
// carry names (toponyms with language and citations), types, geometry
// with when, and relations, as
// https://github.com/LinkedPasts/linked-places-format describes it.
type lpfFeature struct {
	ID         string            `json:"@id"`
	Type       string            `json:"type"`
	Properties map[string]string `json:"properties"`
	Names      []lpfName         `json:"names"`
	// Types (AAT place types) are left out: the corpus does not say
	// whether a place is a city, a hill or a station.
	Geometry  *lpfGeometry  `json:"geometry,omitempty"`
	When      *lpfWhen      `json:"when,omitempty"`
	Relations []lpfRelation `json:"relations,omitempty"`
}

type lpfName struct {
	Toponym   string        `json:"toponym"`
	Lang      string        `json:"lang"`
	Citations []lpfCitation `json:"citations,omitempty"`
	When      *lpfWhen      `json:"when,omitempty"`
}

type lpfCitation struct {
	ID    string `json:"@id"`
	Label string `json:"label"`
}

type lpfGeometry struct {
	Type       string        `json:"type"`
	Geometries []lpfGeomItem `json:"geometries"`
}

type lpfGeomItem struct {
	Type        string    `json:"type"`
	Coordinates []float64 `json:"coordinates"`
	When        *lpfWhen  `json:"when,omitempty"`
	Source      string    `json:"source,omitempty"`
}

type lpfWhen struct {
	Timespans []lpfTimespan `json:"timespans"`
	Label     string        `json:"label,omitempty"`
}

type lpfTimespan struct {
	Start map[string]string `json:"start"`
	End   map[string]string `json:"end,omitempty"`
}

type lpfRelation struct {
	RelationType string   `json:"relationType"`
	RelationTo   string   `json:"relationTo"`
	Label        string   `json:"label"`
	When         *lpfWhen `json:"when,omitempty"`
}

// lpfWhenOf gives an EDTF time as an LPF timespan: start and end with
// their earliest and latest days, the EDTF text as the label.
func lpfWhenOf(w tokumu.When) *lpfWhen {
	if w.IsZero() {
		return nil
	}
	span := lpfTimespan{Start: map[string]string{}}
	if w.Earliest > tokumu.MinDay {
		span.Start["earliest"] = w.Earliest.String()
	}
	if w.LatestStart < tokumu.MaxDay && w.LatestStart > tokumu.MinDay {
		span.Start["latest"] = w.LatestStart.String()
	}
	end := map[string]string{}
	if w.EarliestEnd > tokumu.MinDay && w.EarliestEnd < tokumu.MaxDay {
		end["earliest"] = w.EarliestEnd.String()
	}
	if w.Latest < tokumu.MaxDay {
		end["latest"] = w.Latest.String()
	}
	if len(end) > 0 {
		span.End = end
	}
	return &lpfWhen{Timespans: []lpfTimespan{span}, Label: w.EDTF}
}

// LPFContext is the JSON-LD context of Linked Places Format v1.1.
const LPFContext = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"

func writeLPF(ctx context.Context, w io.Writer, x *Export) error {
	js := newJSONStream(w, `{"type":"FeatureCollection","@context":"`+LPFContext+`","features":[`)
	srcTitle := map[string]string{}
	for _, s := range x.Sources() {
		srcTitle[s.ID] = s.Cite()
	}
	err := places(ctx, x, func(p *place) error {
		f := lpfFeature{ID: x.EntityIRI(p.e.ID), Type: "Feature",
			Properties: map[string]string{"title": p.e.Label(x.Options.Lang)},
		}
		for _, nm := range p.e.Names {
			ln := lpfName{Toponym: nm.Text, Lang: nm.Lang, When: lpfWhenOf(nm.When)}
			if nm.Source != "" {
				ln.Citations = []lpfCitation{{ID: x.SourceIRI(nm.Source), Label: srcTitle[nm.Source]}}
			}
			f.Names = append(f.Names, ln)
		}
		if len(p.points) > 0 {
			g := &lpfGeometry{Type: "GeometryCollection"}
			for _, pt := range p.points {
				g.Geometries = append(g.Geometries, lpfGeomItem{Type: "Point", Coordinates: []float64{pt.lon, pt.lat},
					When: lpfWhenOf(pt.c.When), Source: x.SourceIRI(pt.c.Source)})
			}
			f.Geometry = g
		}
		for _, c := range p.within {
			f.Relations = append(f.Relations, lpfRelation{RelationType: "gvp:broaderPartitive",
				RelationTo: x.EntityIRI(c.Object), Label: "located in " + c.Object, When: lpfWhenOf(c.When)})
		}
		return js.add(f)
	})
	if err != nil {
		return err
	}
	return js.close()
}
