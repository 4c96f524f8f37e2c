package format

import (
	"bufio"
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

func init() {
	Register(&Format{
		Name: "gexf", MediaType: "application/gexf+xml", Ext: ".gexf",
		Summary: "GEXF 1.3 for Gephi: entities as nodes, relation claims as dynamic edges with spells from their dates",
		Write:   writeGEXF,
	})
}

// writeGEXF writes the network of the export: every entity it names is a
// node, every claim between two entities a directed edge labelled with its
// predicate. A dated edge carries a spell from the earliest to the latest
// day its EDTF time allows, so that Gephi's timeline shows a tie only when
// it may have held; an undated edge is always there.
func writeGEXF(ctx context.Context, w io.Writer, x *Export) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(xml.Header)
	bw.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
<meta><creator>tokumu</creator><description>entities and the relation claims between them</description></meta>
<graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">
<attributes class="node"><attribute id="type" title="type" type="string"/></attributes>
<attributes class="edge"><attribute id="predicate" title="predicate" type="string"/><attribute id="when" title="when" type="string"/><attribute id="source" title="source" type="string"/><attribute id="grade" title="grade" type="string"/><attribute id="by" title="perspective" type="string"/><attribute id="role" title="role" type="string"/><attribute id="named_subject" title="named_subject" type="string"/><attribute id="named_object" title="named_object" type="string"/><attribute id="named_by" title="named_by" type="string"/><attribute id="named_words" title="named_words" type="string"/></attributes>
<nodes>
`)
	err := x.Entities(ctx, func(e *tokumu.Entity) error {
		bw.WriteString(`<node id="` + xmlEsc(e.ID) + `" label="` + xmlEsc(e.Label(x.Options.Lang)) + `"><attvalues><attvalue for="type" value="` + string(e.Type) + `"/></attvalues></node>` + "\n")
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("</nodes>\n<edges>\n")
	err = x.Claims(ctx, func(c *tokumu.Claim) error {
		if c.Object == "" {
			return nil
		}
		p := x.Vocab().Pred(c.Predicate)
		label := c.Predicate
		if p != nil {
			label = p.LabelIn(x.Options.Lang)
		}
		bw.WriteString(`<edge id="` + xmlEsc(c.ID) + `" source="` + xmlEsc(c.Subject) + `" target="` + xmlEsc(c.Object) + `" label="` + xmlEsc(label) + `">`)
		bw.WriteString(`<attvalues><attvalue for="predicate" value="` + xmlEsc(c.Predicate) + `"/><attvalue for="when" value="` + xmlEsc(c.When.EDTF) + `"/><attvalue for="source" value="` + xmlEsc(c.Source) + `"/><attvalue for="grade" value="` + c.Grade.String() + `"/><attvalue for="by" value="` + xmlEsc(c.Perspective) + `"/>` + gexfOptional(c) + `</attvalues>`)
		if !c.When.IsZero() {
			bw.WriteString("<spells><spell")
			if c.When.Earliest > tokumu.MinDay {
				bw.WriteString(` start="` + c.When.Earliest.String() + `"`)
			}
			if c.When.Latest < tokumu.MaxDay {
				bw.WriteString(` end="` + c.When.Latest.String() + `"`)
			}
			bw.WriteString("/></spells>")
		}
		bw.WriteString("</edge>\n")
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("</edges>\n</graph>\n</gexf>\n")
	return bw.Flush()
}

// xmlEsc escapes text for an XML attribute or element.
func xmlEsc(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<', '>', '&', '"', '\'', '\n', '\r', '\t':
			return xmlEscSlow(s)
		}
	}
	return s
}

func xmlEscSlow(s string) string {
	var b []byte
	for _, r := range s {
		switch r {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\'':
			b = append(b, "&apos;"...)
		case '\n', '\r', '\t':
			b = append(b, "&#"+strconv.Itoa(int(r))+";"...)
		default:
			b = append(b, string(r)...)
		}
	}
	return string(b)
}

// gexfOptional writes the role and the source's own words (named_as) of
// an edge where the claim has them: without them an edge says more than
// its source.
func gexfOptional(c *tokumu.Claim) string {
	var b strings.Builder
	for _, kv := range [][2]string{{"role", c.Role}, {"named_subject", c.NamedAs.Subject}, {"named_object", c.NamedAs.Object}, {"named_by", c.NamedAs.Perspective}, {"named_words", c.NamedAs.Words}} {
		if kv[1] != "" {
			b.WriteString(`<attvalue for="` + kv[0] + `" value="` + xmlEsc(kv[1]) + `"/>`)
		}
	}
	return b.String()
}
