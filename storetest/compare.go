package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
)

// diff compares got with want field by field and describes every
// difference as "path: got …, want …", at most maxDiffs of them. It is
// reflect.DeepEqual with one leniency: a nil slice or map equals an empty
// one, since a store that keeps "[]" in a column may give either back.
func diff(got, want any) []string {
	var out []string
	diffValue(&out, "", reflect.ValueOf(got), reflect.ValueOf(want))
	return out
}

const maxDiffs = 20

func diffValue(out *[]string, path string, g, w reflect.Value) {
	if len(*out) >= maxDiffs {
		return
	}
	report := func() {
		*out = append(*out, fmt.Sprintf("%s: got %s, want %s", strings.TrimPrefix(path, "."), show(g), show(w)))
	}
	if !g.IsValid() || !w.IsValid() {
		if g.IsValid() != w.IsValid() {
			report()
		}
		return
	}
	if g.Type() != w.Type() {
		report()
		return
	}
	switch g.Kind() {
	case reflect.Pointer, reflect.Interface:
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				report()
			}
			return
		}
		diffValue(out, path, g.Elem(), w.Elem())
	case reflect.Struct:
		for i := range g.NumField() {
			if f := g.Type().Field(i); f.IsExported() {
				diffValue(out, path+"."+f.Name, g.Field(i), w.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if g.Len() != w.Len() {
			report()
			return
		}
		for i := range g.Len() {
			diffValue(out, fmt.Sprintf("%s[%d]", path, i), g.Index(i), w.Index(i))
		}
	case reflect.Map:
		if g.Len() != w.Len() {
			report()
			return
		}
		keys := w.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			gv := g.MapIndex(k)
			if !gv.IsValid() {
				*out = append(*out, fmt.Sprintf("%s[%v]: missing, want %s", strings.TrimPrefix(path, "."), k, show(w.MapIndex(k))))
				continue
			}
			diffValue(out, fmt.Sprintf("%s[%v]", path, k), gv, w.MapIndex(k))
		}
	default:
		if !g.Equal(w) {
			report()
		}
	}
}

func show(v reflect.Value) string {
	if !v.IsValid() {
		return "nothing"
	}
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// checkSame reports, under what, every difference between got and want.
func checkSame(t testing.TB, what string, got, want any) bool {
	t.Helper()
	d := diff(got, want)
	if len(d) > 0 {
		t.Errorf("%s differs:\n\t%s", what, strings.Join(d, "\n\t"))
	}
	return len(d) == 0
}

func claimIDs(cs []*tokumu.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func entityIDs(es []*tokumu.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func byIDs[T any](all []*T, id func(*T) string, ids ...string) []*T {
	m := map[string]*T{}
	for _, x := range all {
		m[id(x)] = x
	}
	out := make([]*T, len(ids))
	for i, s := range ids {
		if out[i] = m[s]; out[i] == nil {
			panic("storetest: no " + s + " in the dataset")
		}
	}
	return out
}
