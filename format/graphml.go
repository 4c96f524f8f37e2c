package format

import (
	"bufio"
	"context"
	"encoding/xml"
	"io"

	"github.com/tokumu/tokumu"
)

func init() {
	Register(&Format{
		Name: "graphml", MediaType: "application/graphml+xml", Ext: ".graphml",
		Summary: "GraphML for networkx, yEd and igraph: entities as nodes, relation claims as edges",
		Write:   writeGraphML,
	})
}

// writeGraphML writes the network of writeGEXF in GraphML; the dates go
// in edge attributes (the EDTF text and its earliest and latest day),
// since GraphML has no time.
func writeGraphML(ctx context.Context, w io.Writer, x *Export) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
<key id="label" for="all" attr.name="label" attr.type="string"/>
<key id="type" for="node" attr.name="type" attr.type="string"/>
<key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
<key id="when" for="edge" attr.name="when" attr.type="string"/>
<key id="start" for="edge" attr.name="start" attr.type="string"/>
<key id="end" for="edge" attr.name="end" attr.type="string"/>
<key id="source" for="edge" attr.name="source" attr.type="string"/>
<key id="grade" for="edge" attr.name="grade" attr.type="string"/>
<key id="by" for="edge" attr.name="by" attr.type="string"/>
<key id="role" for="edge" attr.name="role" attr.type="string"/>
<key id="named_subject" for="edge" attr.name="named_subject" attr.type="string"/>
<key id="named_object" for="edge" attr.name="named_object" attr.type="string"/>
<key id="named_by" for="edge" attr.name="named_by" attr.type="string"/>
<key id="named_words" for="edge" attr.name="named_words" attr.type="string"/>
<graph id="tokumu" edgedefault="directed">
`)
	err := x.Entities(ctx, func(e *tokumu.Entity) error {
		bw.WriteString(`<node id="` + xmlEsc(e.ID) + `"><data key="label">` + xmlEsc(e.Label(x.Options.Lang)) + `</data><data key="type">` + string(e.Type) + "</data></node>\n")
		return nil
	})
	if err != nil {
		return err
	}
	err = x.Claims(ctx, func(c *tokumu.Claim) error {
		if c.Object == "" {
			return nil
		}
		label := c.Predicate
		if p := x.Vocab().Pred(c.Predicate); p != nil {
			label = p.LabelIn(x.Options.Lang)
		}
		bw.WriteString(`<edge id="` + xmlEsc(c.ID) + `" source="` + xmlEsc(c.Subject) + `" target="` + xmlEsc(c.Object) + `">`)
		data := func(k, v string) {
			if v != "" {
				bw.WriteString(`<data key="` + k + `">` + xmlEsc(v) + `</data>`)
			}
		}
		data("label", label)
		data("predicate", c.Predicate)
		data("when", c.When.EDTF)
		if !c.When.IsZero() {
			if c.When.Earliest > tokumu.MinDay {
				data("start", c.When.Earliest.String())
			}
			if c.When.Latest < tokumu.MaxDay {
				data("end", c.When.Latest.String())
			}
		}
		data("source", c.Source)
		data("grade", c.Grade.String())
		data("by", c.Perspective)
		// The role and the source's own words for what the editors
		// identified: without them an edge says more than its source.
		data("role", c.Role)
		data("named_subject", c.NamedAs.Subject)
		data("named_object", c.NamedAs.Object)
		data("named_by", c.NamedAs.Perspective)
		data("named_words", c.NamedAs.Words)
		bw.WriteString("</edge>\n")
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("</graph>\n</graphml>\n")
	return bw.Flush()
}
