package format

import (
	"context"
	"html"
	"io"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/web/i18n"
)

func init() {
	Register(&Format{
		Name: "timelinejs", MediaType: "application/json", Ext: ".json",
		Summary: "TimelineJS JSON: the dated events (took place, founded, dissolved, born, died, issued, converted into) and dated offices and postings",
		Write:   writeTimelineJS,
	})
}

// timelineRoles are the roles whose dated claims are slides: the
// once-only events, and the relations a reader follows through time — an
// office held, a posting, an organization converted into another. Other
// dated claims (a strength, a place in the chart, a rank) are left out:
// there are hundreds, and as slides they would bury the events.
var timelineRoles = []tokumu.Role{tokumu.RoleOccurred, tokumu.RoleFounded, tokumu.RoleDissolved,
	tokumu.RoleBorn, tokumu.RoleDied, tokumu.RoleIssued, tokumu.RoleSuccessor, tokumu.RoleOffice, tokumu.RolePosting}

type tlDate struct {
	Year    int    `json:"year"`
	Month   int    `json:"month,omitempty"`
	Day     int    `json:"day,omitempty"`
	Display string `json:"display_date,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type tlEvent struct {
	StartDate tlDate  `json:"start_date"`
	EndDate   *tlDate `json:"end_date,omitempty"`
	Text      tlText  `json:"text"`
	Group     string  `json:"group,omitempty"`
	UniqueID  string  `json:"unique_id"`
}

func tlDay(d tokumu.Day, display string) tlDate {
	y, m, dd := d.Date()
	return tlDate{Year: y, Month: m, Day: dd, Display: display}
}

// writeTimelineJS writes TimelineJS's JSON: one slide a dated claim whose
// predicate plays one of timelineRoles, starting on the earliest day its
// time allows and, when that is a span, ending on the latest. The date
// shown is the time in words, as the web UI writes it ("11–16 May 1939"),
// never EDTF; the headline says the claim ("Doihara Kenji: head of Harbin
// Special Service Agency"), with whose view it is when it has a
// perspective; the text is the claim's note and the source as a reader
// cites it (author, year, title, locator, grade), not a bare key.
func writeTimelineJS(ctx context.Context, w io.Writer, x *Export) error {
	v := x.Vocab()
	lang := x.Options.Lang
	want := map[string]bool{}
	for _, r := range timelineRoles {
		for _, id := range v.IDs(r) {
			want[id] = true
		}
		if id := v.ID(r); id != "" {
			want[id] = true
		}
	}
	labels := map[string]string{}
	err := x.Entities(ctx, func(e *tokumu.Entity) error {
		labels[e.ID] = e.Label(lang)
		return nil
	})
	if err != nil {
		return err
	}
	label := func(id string) string {
		if l := labels[id]; l != "" {
			return l
		}
		return id
	}
	sources := map[string]*tokumu.Source{}
	for _, s := range x.Sources() {
		sources[s.ID] = s
	}
	tr := i18n.For(lang)
	js := newJSONStream(w, `{"title":{"text":{"headline":"tokumu","text":"Dated events, offices and postings of the corpus, with their sources"}},"events":[`)
	err = x.Claims(ctx, func(c *tokumu.Claim) error {
		if !want[c.Predicate] || c.When.IsZero() || c.When.Earliest <= tokumu.MinDay {
			return nil
		}
		p := v.Pred(c.Predicate)
		headline := label(c.Subject) + ": " + p.LabelIn(lang)
		if c.Role != "" {
			headline += " (" + c.Role + ")"
		}
		if c.Object != "" {
			headline += " " + label(c.Object)
		}
		if c.Perspective != "" {
			// A party's date beside the historiography's is its view, not
			// a second fact.
			headline += " — " + tr.T("claim.according", label(c.Perspective))
		}
		ev := tlEvent{StartDate: tlDay(c.When.Earliest, c.When.Human(lang)),
			Text:     tlText{Headline: headline, Text: tlBody(c, sources[c.Source], label)},
			Group:    p.LabelIn(lang),
			UniqueID: c.ID,
		}
		if c.When.Latest != c.When.Earliest && c.When.Latest < tokumu.MaxDay {
			end := tlDay(c.When.Latest, "")
			ev.EndDate = &end
		}
		return js.add(ev)
	})
	if err != nil {
		return err
	}
	return js.close()
}

// tlBody is a slide's text, HTML as TimelineJS shows it: the place, the
// note, and the source as a reader cites it.
func tlBody(c *tokumu.Claim, src *tokumu.Source, label func(string) string) string {
	var b strings.Builder
	if c.Where != "" {
		b.WriteString("<p>" + html.EscapeString("In "+label(c.Where)+".") + "</p>")
	}
	// The source's own words where the editors identified an entity: the
	// slide must not say more than its source.
	for _, n := range []struct{ what, words string }{{"subject", c.NamedAs.Subject}, {"object", c.NamedAs.Object}, {"holder of the view", c.NamedAs.Perspective}} {
		switch {
		case n.words != "" && c.NamedAs.Words == tokumu.WordsEditors:
			b.WriteString("<p>" + html.EscapeString("The source's words for the "+n.what+" were not recorded; in the editors' account: "+n.words+". The identification is the editors'.") + "</p>")
		case n.words != "":
			b.WriteString("<p>" + html.EscapeString("The source says \u201c"+n.words+"\u201d for the "+n.what+": the identification is the editors'.") + "</p>")
		}
	}
	if c.Note != "" {
		b.WriteString("<p>" + html.EscapeString(c.Note) + "</p>")
	}
	cite := c.Source
	if src != nil {
		cite = src.Cite()
	}
	if c.Locator != "" {
		cite += ", " + c.Locator
	}
	b.WriteString("<p>Source: " + html.EscapeString(cite) + " (grade " + c.Grade.String() + ")</p>")
	return b.String()
}
