package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
)

// Entity returns one entity with its names.
func (s *DB) Entity(ctx context.Context, id string) (*tokumu.Entity, error) {
	es, err := s.Entities(ctx, tokumu.EntityFilter{IDs: []string{id}})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q", id)
	}
	return es[0], nil
}

// args collects the parameters of a query and names them $1, $2 …
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// Entities returns the entities that match f, ordered by id.
func (s *DB) Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error) {
	var where []string
	var a args
	if f.Type != "" {
		where = append(where, "type = "+a.add(string(f.Type)))
	}
	if len(f.IDs) > 0 {
		// One array parameter, however many ids: the protocol allows
		// at most 65,535 parameters in a statement.
		where = append(where, "id = ANY("+a.add(f.IDs)+")")
	}
	// One statement, the names aggregated per entity: one round trip, and
	// one snapshot, so a Replace committing meanwhile cannot mix old
	// entities with new names.
	q := `SELECT id, type, summary, tags, origin, (SELECT COALESCE(json_agg(json_build_array(n.text, n.lang, n.kind, n.when_, n.source)
		ORDER BY n.ord), '[]')::text FROM name n WHERE n.entity = e.id) FROM entity e`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: entities: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Entity
	for rows.Next() {
		e := &tokumu.Entity{}
		var typ, summary, tags, names string
		if err := rows.Scan(&e.ID, &typ, &summary, &tags, &e.Origin, &names); err != nil {
			return nil, fmt.Errorf("postgres: entities: %w", err)
		}
		e.Type = tokumu.EntityType(typ)
		if err := decodeEntity(e, summary, tags, names); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: entities: %w", err)
	}
	return out, nil
}

// decodeEntity fills in e's summary, tags and names from their columns;
// names is a JSON list of [text, lang, kind, when, source].
func decodeEntity(e *tokumu.Entity, summary, tags, names string) error {
	if summary != "{}" && summary != "" {
		if err := json.Unmarshal([]byte(summary), &e.Summary); err != nil {
			return fmt.Errorf("postgres: entity %s summary: %w", e.ID, err)
		}
	}
	if tags != "" {
		if err := json.Unmarshal([]byte(tags), &e.Tags); err != nil {
			return fmt.Errorf("postgres: entity %s tags: %w", e.ID, err)
		}
	}
	var ns [][5]string
	if err := json.Unmarshal([]byte(names), &ns); err != nil {
		return fmt.Errorf("postgres: entity %s names: %w", e.ID, err)
	}
	for _, n := range ns {
		w, err := parseWhenText(n[3])
		if err != nil {
			return fmt.Errorf("postgres: name of %s: %w", e.ID, err)
		}
		e.Names = append(e.Names, tokumu.Name{Text: n[0], Lang: n[1], Kind: tokumu.NameKind(n[2]), When: w, Source: n[4]})
	}
	return nil
}

// querier is what a read needs: the pool, or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// loadNames fills in the names of es. all says that es is every entity,
// so that the names are read without a filter.
func loadNames(ctx context.Context, tx querier, es []*tokumu.Entity, byID map[string]*tokumu.Entity, all bool) error {
	q := `SELECT entity, text, lang, kind, when_, source FROM name`
	var a args
	if !all {
		ids := make([]string, len(es))
		for i, e := range es {
			ids[i] = e.ID
		}
		q += " WHERE entity = ANY(" + a.add(ids) + ")"
	}
	q += " ORDER BY entity, ord"
	rows, err := tx.Query(ctx, q, a...)
	if err != nil {
		return fmt.Errorf("postgres: names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind, when string
		var n tokumu.Name
		if err := rows.Scan(&id, &n.Text, &n.Lang, &kind, &when, &n.Source); err != nil {
			return fmt.Errorf("postgres: names: %w", err)
		}
		n.Kind = tokumu.NameKind(kind)
		if n.When, err = parseWhenText(when); err != nil {
			return fmt.Errorf("postgres: name of %s: %w", id, err)
		}
		if e := byID[id]; e != nil {
			e.Names = append(e.Names, n)
		}
	}
	return rows.Err()
}

var claimColumns = strings.Join(claimColumnList, ", ")

// Claims returns the claims that match f, ordered by subject, predicate,
// start of time (undated first) and id; the columns' "C" collation makes
// the order byte by byte.
func (s *DB) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	return tokumu.CollectClaims(ctx, f, s.EachClaim)
}

// EachClaim implements tokumu.Store: Claims' query, each row handed to fn
// as pgx reads it off the wire.
func (s *DB) EachClaim(ctx context.Context, f tokumu.ClaimFilter, fn func(*tokumu.Claim) error) error {
	var where []string
	var a args
	add := func(cond string, v any) { where = append(where, cond+a.add(v)) }
	if f.Subject != "" {
		add("subject = ", f.Subject)
	}
	if f.Object != "" {
		add("object = ", f.Object)
	}
	if f.Predicate != "" {
		add("predicate = ", f.Predicate)
	}
	if f.Source != "" {
		add("source = ", f.Source)
	}
	if f.Perspective != "" {
		add("perspective = ", f.Perspective)
	}
	if f.At != 0 {
		add("lo <= ", int64(f.At))
		add("hi >= ", int64(f.At))
	}
	if f.From != 0 {
		add("hi >= ", int64(f.From))
	}
	if f.To != 0 {
		add("lo <= ", int64(f.To))
	}
	if f.RelationsOnly {
		where = append(where, "object IS NOT NULL")
	}
	cond := ""
	if len(where) > 0 {
		cond = " AND " + strings.Join(where, " AND ")
	}
	var q string
	if f.About != "" {
		// Two index probes joined, rather than an OR the planner may scan for.
		about := a.add(f.About)
		objCond := cond
		if f.At != 0 {
			// The object side at a date from the GiST claim_object_during
			// (migration 0005): its condition stated, the exact ones kept.
			objCond += ` AND lo <= hi AND int8range(lo, hi, '[]') @> ` + a.add(int64(f.At)) + `::bigint`
		}
		q = `SELECT ` + claimColumns + ` FROM claim WHERE subject = ` + about + cond +
			` UNION ALL SELECT ` + claimColumns + ` FROM claim WHERE object = ` + about + ` AND subject <> ` + about + objCond
	} else {
		q = `SELECT ` + claimColumns + ` FROM claim WHERE TRUE` + cond
	}
	q += ` ORDER BY subject, predicate, lo NULLS FIRST, id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, a...)
	if err != nil {
		return fmt.Errorf("postgres: claims: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: claims: %w", err)
	}
	return nil
}

func scanClaim(rows pgx.Row) (*tokumu.Claim, error) {
	c := &tokumu.Claim{}
	var obj *string
	var lo, ls, ee, hi *int64
	var grade, named, sup, comp string
	if err := rows.Scan(&c.ID, &c.Subject, &c.Predicate, &obj, &c.Value, &c.Unit, &c.Role, &c.Lang,
		&c.When.EDTF, &c.When.Text, &lo, &ls, &ee, &hi, &c.When.Interval, &c.Where, &c.Source, &c.Locator,
		&grade, &c.Perspective, &c.PlantedBy, &named, &c.Note, &sup, &comp, &c.Origin); err != nil {
		return nil, fmt.Errorf("postgres: scan claim: %w", err)
	}
	var err error
	if c.NamedAs, err = tokumu.DecodeNamedAs(named); err != nil {
		return nil, fmt.Errorf("postgres: claim %s: %w", c.ID, err)
	}
	if obj != nil {
		c.Object = *obj
	}
	day := func(p *int64) tokumu.Day {
		if p == nil {
			return 0
		}
		return tokumu.Day(*p)
	}
	c.When.Earliest, c.When.LatestStart = day(lo), day(ls)
	c.When.EarliestEnd, c.When.Latest = day(ee), day(hi)
	if grade != "" {
		g, err := tokumu.ParseGrade(grade)
		if err != nil {
			return nil, fmt.Errorf("postgres: claim %s: %w", c.ID, err)
		}
		c.Grade = g
	}
	if sup != "" {
		if err := json.Unmarshal([]byte(sup), &c.SupportedBy); err != nil {
			return nil, fmt.Errorf("postgres: claim %s: %w", c.ID, err)
		}
	}
	if comp != "" {
		if err := json.Unmarshal([]byte(comp), &c.ComplicatedBy); err != nil {
			return nil, fmt.Errorf("postgres: claim %s: %w", c.ID, err)
		}
	}
	return c, nil
}

// Source returns one bibliography entry.
func (s *DB) Source(ctx context.Context, id string) (*tokumu.Source, error) {
	var data string
	err := s.pool.QueryRow(ctx, `SELECT data FROM source WHERE id = $1`, id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q in the bibliography", id)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: source %s: %w", id, err)
	}
	return decodeSource(data)
}

func decodeSource(data string) (*tokumu.Source, error) {
	r := sourceRow{Source: &tokumu.Source{}}
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return nil, fmt.Errorf("postgres: decode source: %w", err)
	}
	if r.Reliability != "" {
		r.Source.Reliability = r.Reliability[0]
	}
	return r.Source, nil
}

// Sources returns the bibliography ordered by id.
func (s *DB) Sources(ctx context.Context) ([]*tokumu.Source, error) {
	rows, err := s.pool.Query(ctx, `SELECT data FROM source ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: sources: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Source
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("postgres: sources: %w", err)
		}
		src, err := decodeSource(data)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// Predicates returns the vocabulary in the order it was written.
func (s *DB) Predicates(ctx context.Context) ([]*tokumu.Predicate, error) {
	return predicates(ctx, s.pool)
}

func predicates(ctx context.Context, q querier) ([]*tokumu.Predicate, error) {
	rows, err := q.Query(ctx, `SELECT id, label, inverse, domain, range_, literal, hierarchy, roles, origin FROM predicate ORDER BY ord`)
	if err != nil {
		return nil, fmt.Errorf("postgres: predicates: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Predicate
	for rows.Next() {
		p := &tokumu.Predicate{}
		var label, inv, dom, rng, lit, roles string
		if err := rows.Scan(&p.ID, &label, &inv, &dom, &rng, &lit, &p.Hierarchy, &roles, &p.Origin); err != nil {
			return nil, fmt.Errorf("postgres: predicates: %w", err)
		}
		p.Literal = tokumu.Literal(lit)
		for _, f := range []struct {
			s string
			v any
		}{{label, &p.Label}, {inv, &p.Inverse}, {dom, &p.Domain}, {rng, &p.Range}, {roles, &p.Roles}} {
			if err := json.Unmarshal([]byte(f.s), f.v); err != nil {
				return nil, fmt.Errorf("postgres: predicate %s: %w", p.ID, err)
			}
		}
		if len(p.Range) == 0 {
			p.Range = nil
		}
		if len(p.Roles) == 0 {
			p.Roles = nil
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Stats counts what the database holds, in one snapshot (a read-only
// repeatable-read transaction), so that the counts agree with each other
// while a Replace commits.
func (s *DB) Stats(ctx context.Context) (*tokumu.Stats, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	defer tx.Rollback(ctx)
	st := &tokumu.Stats{
		ByType: map[tokumu.EntityType]int{}, ByGrade: map[string]int{},
		BySource: map[string]int{}, ByPredicate: map[string]int{},
	}
	for _, c := range []struct {
		q   string
		dst *int
	}{
		{`SELECT COUNT(*) FROM entity`, &st.Entities},
		{`SELECT COUNT(*) FROM claim`, &st.Claims},
		{`SELECT COUNT(*) FROM source`, &st.Sources},
		{`SELECT COUNT(*) FROM predicate`, &st.Predicates},
		{`SELECT COUNT(*) FROM name`, &st.Names},
		{`SELECT COUNT(*) FROM claim WHERE locator <> ''`, &st.WithLocator},
		{`SELECT COUNT(*) FROM claim WHERE perspective <> ''`, &st.WithPerspective},
		{`SELECT COUNT(*) FROM claim WHERE edtf <> ''`, &st.Dated},
	} {
		if err := tx.QueryRow(ctx, c.q).Scan(c.dst); err != nil {
			return nil, fmt.Errorf("postgres: stats: %w", err)
		}
	}
	groups := []struct {
		q string
		f func(k string, n int)
	}{
		{`SELECT type, COUNT(*) FROM entity GROUP BY type`, func(k string, n int) { st.ByType[tokumu.EntityType(k)] = n }},
		{`SELECT grade, COUNT(*) FROM claim GROUP BY grade`, func(k string, n int) { st.ByGrade[k] = n }},
		{`SELECT source, COUNT(*) FROM claim GROUP BY source`, func(k string, n int) { st.BySource[k] = n }},
		{`SELECT predicate, COUNT(*) FROM claim GROUP BY predicate`, func(k string, n int) { st.ByPredicate[k] = n }},
	}
	for _, g := range groups {
		rows, err := tx.Query(ctx, g.q)
		if err != nil {
			return nil, fmt.Errorf("postgres: stats: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres: stats: %w", err)
			}
			g.f(k, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres: stats: %w", err)
		}
	}
	return st, nil
}
