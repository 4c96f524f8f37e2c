package format

import (
	"context"
	"io"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/web/i18n"
)

func init() {
	Register(&Format{
		Name: "timelinejs", MediaType: "application/json", Ext: ".json",
		Summary: "TimelineJS JSON: the dated events of the export (occurred, founded, dissolved, born, died, issued)",
		Write:   writeTimelineJS,
	})
}

// timelineRoles are the predicates whose claims are events on a timeline.
var timelineRoles = []tokumu.Role{tokumu.RoleOccurred, tokumu.RoleFounded, tokumu.RoleDissolved,
	tokumu.RoleBorn, tokumu.RoleDied, tokumu.RoleIssued}

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
// predicate has an event role, starting on the earliest day its EDTF time
// allows and, when that is a span, ending on the latest; the EDTF text is
// the date shown; a claim with a perspective says whose view it is.
// Entity labels come from one read of the entities.
func writeTimelineJS(ctx context.Context, w io.Writer, x *Export) error {
	v := x.Vocab()
	want := map[string]bool{}
	for _, r := range timelineRoles {
		for _, id := range v.IDs(r) {
			want[id] = true
		}
	}
	labels := map[string]string{}
	err := x.Entities(ctx, func(e *tokumu.Entity) error {
		labels[e.ID] = e.Label(x.Options.Lang)
		return nil
	})
	if err != nil {
		return err
	}
	tr := i18n.For(x.Options.Lang)
	js := newJSONStream(w, `{"title":{"text":{"headline":"tokumu","text":"Dated events of the corpus, with their sources"}},"events":[`)
	err = x.Claims(ctx, func(c *tokumu.Claim) error {
		if !want[c.Predicate] || c.When.IsZero() || c.When.Earliest <= tokumu.MinDay {
			return nil
		}
		p := v.Pred(c.Predicate)
		headline := labels[c.Subject] + ": " + p.LabelIn(x.Options.Lang)
		if c.Perspective != "" {
			// A party's date beside the historiography's is its view, not
			// a second fact.
			by := labels[c.Perspective]
			if by == "" {
				by = c.Perspective
			}
			headline += " — " + tr.T("claim.according", by)
		}
		ev := tlEvent{StartDate: tlDay(c.When.Earliest, c.When.EDTF),
			Text:     tlText{Headline: headline, Text: c.Note + " (" + c.Source + ", " + c.Grade.String() + ")"},
			Group:    p.LabelIn(x.Options.Lang),
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
