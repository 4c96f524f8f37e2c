package format

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
)

func init() {
	Register(&Format{
		Name: "jsonld", MediaType: "application/ld+json", Ext: ".jsonld",
		Summary: "JSON-LD: the RDF graph of the turtle format, node by node",
		Write:   writeJSONLD,
	})
}

// writeJSONLD writes the graph of the RDF formats as JSON-LD: a context of
// the prefixes and one node object per subject in @graph. It streams: one
// subject's properties are held at a time.
func writeJSONLD(ctx context.Context, w io.Writer, x *Export) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cx := map[string]string{}
	for _, p := range prefixes {
		cx[p[0]] = p[1]
	}
	head, _ := json.Marshal(cx)
	bw.WriteString(`{"@context":`)
	bw.Write(head)
	bw.WriteString(",\n\"@graph\":[")
	var (
		subj  string
		types []string
		keys  []string
		props map[string][]map[string]string
		n     int
	)
	flush := func() error {
		if subj == "" {
			return nil
		}
		if n > 0 {
			bw.WriteString(",")
		}
		n++
		bw.WriteString("\n{\"@id\":")
		writeJSONString(bw, iriEscape(subj))
		if len(types) > 0 {
			bw.WriteString(`,"@type":`)
			b, _ := json.Marshal(types)
			bw.Write(b)
		}
		for _, k := range keys {
			bw.WriteString(",")
			writeJSONString(bw, k)
			bw.WriteString(":")
			b, err := json.Marshal(props[k])
			if err != nil {
				return err
			}
			bw.Write(b)
		}
		bw.WriteString("}")
		return nil
	}
	err := graph(ctx, x, func(t triple) error {
		if t.s != subj {
			if err := flush(); err != nil {
				return err
			}
			subj, types, keys, props = t.s, nil, nil, map[string][]map[string]string{}
		}
		if t.p == nsRDF+"type" {
			types = append(types, short(t.o.iri))
			return nil
		}
		k := short(t.p)
		if k[0] == '<' {
			k = t.p
		}
		if _, ok := props[k]; !ok {
			keys = append(keys, k)
		}
		var v map[string]string
		switch {
		case t.o.iri != "":
			v = map[string]string{"@id": iriEscape(t.o.iri)}
		case t.o.lang != "":
			v = map[string]string{"@value": t.o.lit, "@language": t.o.lang}
		case t.o.datatype != "":
			v = map[string]string{"@value": t.o.lit, "@type": t.o.datatype}
		default:
			v = map[string]string{"@value": t.o.lit}
		}
		props[k] = append(props[k], v)
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

func writeJSONString(w *bufio.Writer, s string) {
	b, _ := json.Marshal(s)
	w.Write(b)
}
