package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

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

// Entities returns the entities that match f, ordered by id.
func (s *DB) Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error) {
	var where []string
	var args []any
	if f.Type != "" {
		where, args = append(where, "type = ?"), append(args, string(f.Type))
	}
	switch len(f.IDs) {
	case 0:
	case 1:
		where, args = append(where, "id = ?"), append(args, f.IDs[0])
	default:
		// One JSON array parameter rather than a placeholder per id:
		// SQLite refuses more than 32,766 variables in a statement.
		where, args = append(where, "id IN (SELECT value FROM json_each(?))"), append(args, mustJSON(f.IDs))
	}
	q := `SELECT id, type, summary, tags, origin FROM entity`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Entity
	byID := map[string]*tokumu.Entity{}
	for rows.Next() {
		e := &tokumu.Entity{}
		var typ, summary, tags string
		if err := rows.Scan(&e.ID, &typ, &summary, &tags, &e.Origin); err != nil {
			return nil, fmt.Errorf("sqlite: entities: %w", err)
		}
		e.Type = tokumu.EntityType(typ)
		if summary != "{}" && summary != "" {
			if err := json.Unmarshal([]byte(summary), &e.Summary); err != nil {
				return nil, fmt.Errorf("sqlite: entity %s summary: %w", e.ID, err)
			}
		}
		if tags != "" {
			if err := json.Unmarshal([]byte(tags), &e.Tags); err != nil {
				return nil, fmt.Errorf("sqlite: entity %s tags: %w", e.ID, err)
			}
		}
		out = append(out, e)
		byID[e.ID] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	all := f.Type == "" && len(f.IDs) == 0 && f.Limit <= 0
	if err := loadNames(ctx, s.db, out, byID, all); err != nil {
		return nil, err
	}
	return out, nil
}

// queryer is what a read needs: the database, or the connection of a
// write transaction (edit.go).
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// loadNames fills in the names of es. all says that es is every entity,
// so that the names are read without a filter.
func loadNames(ctx context.Context, db queryer, es []*tokumu.Entity, byID map[string]*tokumu.Entity, all bool) error {
	q := `SELECT entity, text, lang, kind, when_, source FROM name`
	var args []any
	if !all {
		ids := make([]string, len(es))
		for i, e := range es {
			ids[i] = e.ID
		}
		q += " WHERE entity IN (SELECT value FROM json_each(?))"
		args = append(args, mustJSON(ids))
	}
	q += " ORDER BY entity, ord"
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind, when string
		var n tokumu.Name
		if err := rows.Scan(&id, &n.Text, &n.Lang, &kind, &when, &n.Source); err != nil {
			return fmt.Errorf("sqlite: names: %w", err)
		}
		n.Kind = tokumu.NameKind(kind)
		if n.When, err = parseWhenText(when); err != nil {
			return fmt.Errorf("sqlite: name of %s: %w", id, err)
		}
		if e := byID[id]; e != nil {
			e.Names = append(e.Names, n)
		}
	}
	return rows.Err()
}

const claimColumns = `id, subject, predicate, object, value, unit, role, lang, edtf, edtf_text, lo, ls, ee, hi,
	interval, place, source, locator, grade, perspective, planted_by, named_as, note, supported_by, complicated_by, origin`

// claimColumnsNoNamedAs is claimColumns for a file written before the
// column named_as (migration 0009), which reads an empty string for it.
var claimColumnsNoNamedAs = strings.Replace(claimColumns, "named_as", "'' AS named_as", 1)

// hasNamedAs reports whether the file's claims have the column named_as.
func hasNamedAs(ctx context.Context, q queryer) bool {
	rows, err := q.QueryContext(ctx, `SELECT 1 FROM pragma_table_info('claim') WHERE name = 'named_as'`)
	if err != nil {
		return true // the plain query, and its error if the column is missing
	}
	defer rows.Close()
	return rows.Next()
}

// Claims returns the claims that match f.
func (s *DB) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	return tokumu.CollectClaims(ctx, f, s.EachClaim)
}

// EachClaim implements tokumu.Store: Claims' query, each row handed to fn
// as it is read.
func (s *DB) EachClaim(ctx context.Context, f tokumu.ClaimFilter, fn func(*tokumu.Claim) error) error {
	q, args := s.claimQuery(f)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: claims: %w", err)
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
		return fmt.Errorf("sqlite: claims: %w", err)
	}
	return nil
}

// claimQuery is the SQL of EachClaim for f and its arguments. The text
// depends only on which fields of f are set, so that its prepared
// statement is reused (stmtcache.go).
//
// A question for the claims naming an entity as their object on a day
// (f.At with f.About or f.Object) goes through the interval index
// claim_at when the file has it: the R*Tree gives the candidate rows,
// and the same conditions as the plain query then hold on each, so the
// answer is the plain query's (TestClaimAtEquivalence). The object term
// is written "+object" there so that the planner takes the candidates
// and not the (object, lo, hi) index.
func (s *DB) claimQuery(f tokumu.ClaimFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	cols := claimColumns
	if s.noNamedAs {
		cols = claimColumnsNoNamedAs
	}
	byAt := s.hasAt && f.At != 0 && atIndexed(int64(f.At)) && (f.About != "" || f.Object != "")
	if f.Subject != "" {
		add("subject = ?", f.Subject)
	}
	if f.Object != "" {
		if byAt {
			add("+object = ?", f.Object)
		} else {
			add("object = ?", f.Object)
		}
	}
	if f.Predicate != "" {
		add("predicate = ?", f.Predicate)
	}
	if f.Source != "" {
		add("source = ?", f.Source)
	}
	if f.Perspective != "" {
		add("perspective = ?", f.Perspective)
	}
	if f.At != 0 {
		add("lo <= ?", int64(f.At))
		add("hi >= ?", int64(f.At))
	}
	if f.From != 0 {
		add("hi >= ?", int64(f.From))
	}
	if f.To != 0 {
		add("lo <= ?", int64(f.To))
	}
	if f.RelationsOnly {
		where = append(where, "object IS NOT NULL")
	}
	cond := ""
	if len(where) > 0 {
		cond = " AND " + strings.Join(where, " AND ")
	}
	// byObjectAt is the candidate rows of the claims whose object is id
	// and whose bounds hold the day, from the R*Tree.
	const byObjectAt = `seq IN (SELECT id FROM claim_at WHERE k0 <= ? AND k1 >= ? AND lo <= ? AND hi >= ?)`
	atArgs := func(id string) []any {
		k := entityKey(id)
		return []any{k, k, int64(f.At), int64(f.At)}
	}
	var q string
	var all []any
	switch {
	case f.About != "" && byAt:
		q = `SELECT ` + cols + ` FROM claim WHERE subject = ?` + cond +
			` UNION ALL SELECT ` + cols + ` FROM claim WHERE ` + byObjectAt + ` AND +object = ? AND subject <> ?` + cond
		all = append(append(all, f.About), args...)
		all = append(append(all, atArgs(f.About)...), f.About, f.About)
		all = append(all, args...)
	case f.About != "":
		// Two index probes joined, rather than an OR the planner may scan for.
		q = `SELECT ` + cols + ` FROM claim WHERE subject = ?` + cond +
			` UNION ALL SELECT ` + cols + ` FROM claim WHERE object = ? AND subject <> ?` + cond
		all = append(append(all, f.About), args...)
		all = append(all, f.About, f.About)
		all = append(all, args...)
	case byAt:
		q = `SELECT ` + cols + ` FROM claim WHERE ` + byObjectAt + cond
		all = append(atArgs(f.Object), args...)
	default:
		q = `SELECT ` + cols + ` FROM claim WHERE 1` + cond
		all = args
	}
	q += ` ORDER BY 2, 3, 11, 1`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		all = append(all, f.Limit)
	}
	return q, all
}

func scanClaim(rows *sql.Rows) (*tokumu.Claim, error) {
	c := &tokumu.Claim{}
	var obj sql.NullString
	var lo, ls, ee, hi sql.NullInt64
	var grade, named, sup, comp string
	if err := rows.Scan(&c.ID, &c.Subject, &c.Predicate, &obj, &c.Value, &c.Unit, &c.Role, &c.Lang,
		&c.When.EDTF, &c.When.Text, &lo, &ls, &ee, &hi, &c.When.Interval, &c.Where, &c.Source, &c.Locator,
		&grade, &c.Perspective, &c.PlantedBy, &named, &c.Note, &sup, &comp, &c.Origin); err != nil {
		return nil, fmt.Errorf("sqlite: scan claim: %w", err)
	}
	var err error
	if c.NamedAs, err = tokumu.DecodeNamedAs(named); err != nil {
		return nil, fmt.Errorf("sqlite: claim %s: %w", c.ID, err)
	}
	c.Object = obj.String
	c.When.Earliest, c.When.LatestStart = tokumu.Day(lo.Int64), tokumu.Day(ls.Int64)
	c.When.EarliestEnd, c.When.Latest = tokumu.Day(ee.Int64), tokumu.Day(hi.Int64)
	if grade != "" {
		g, err := tokumu.ParseGrade(grade)
		if err != nil {
			return nil, fmt.Errorf("sqlite: claim %s: %w", c.ID, err)
		}
		c.Grade = g
	}
	if sup != "" {
		if err := json.Unmarshal([]byte(sup), &c.SupportedBy); err != nil {
			return nil, fmt.Errorf("sqlite: claim %s: %w", c.ID, err)
		}
	}
	if comp != "" {
		if err := json.Unmarshal([]byte(comp), &c.ComplicatedBy); err != nil {
			return nil, fmt.Errorf("sqlite: claim %s: %w", c.ID, err)
		}
	}
	return c, nil
}

// Source returns one bibliography entry.
func (s *DB) Source(ctx context.Context, id string) (*tokumu.Source, error) {
	var data string
	err := s.db.QueryRowContext(ctx, `SELECT data FROM source WHERE id = ?`, id).Scan(&data)
	if err == sql.ErrNoRows {
		return nil, tokumu.Errorf(tokumu.ENOTFOUND, "no source %q in the bibliography", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: source %s: %w", id, err)
	}
	return decodeSource(data)
}

func decodeSource(data string) (*tokumu.Source, error) {
	r := sourceRow{Source: &tokumu.Source{}}
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return nil, fmt.Errorf("sqlite: decode source: %w", err)
	}
	if r.Reliability != "" {
		r.Source.Reliability = r.Reliability[0]
	}
	return r.Source, nil
}

// Sources returns the bibliography.
func (s *DB) Sources(ctx context.Context) ([]*tokumu.Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data FROM source ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: sources: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Source
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("sqlite: sources: %w", err)
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
	return predicates(ctx, s.db)
}

func predicates(ctx context.Context, db queryer) ([]*tokumu.Predicate, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, label, inverse, domain, range_, literal, hierarchy, roles, origin FROM predicate ORDER BY ord`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: predicates: %w", err)
	}
	defer rows.Close()
	var out []*tokumu.Predicate
	for rows.Next() {
		p := &tokumu.Predicate{}
		var label, inv, dom, rng, lit, roles string
		if err := rows.Scan(&p.ID, &label, &inv, &dom, &rng, &lit, &p.Hierarchy, &roles, &p.Origin); err != nil {
			return nil, fmt.Errorf("sqlite: predicates: %w", err)
		}
		p.Literal = tokumu.Literal(lit)
		for _, f := range []struct {
			s string
			v any
		}{{label, &p.Label}, {inv, &p.Inverse}, {dom, &p.Domain}, {rng, &p.Range}, {roles, &p.Roles}} {
			if err := json.Unmarshal([]byte(f.s), f.v); err != nil {
				return nil, fmt.Errorf("sqlite: predicate %s: %w", p.ID, err)
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

// Stats counts what the database holds.
func (s *DB) Stats(ctx context.Context) (*tokumu.Stats, error) {
	// Replace keeps the counts it took in meta (an edit removes them):
	// counting a million claims took a fifth of the server's start-up.
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'stats'`).Scan(&v)
	if err == nil {
		st := &tokumu.Stats{}
		if json.Unmarshal([]byte(v), st) == nil {
			return st, nil
		}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	return countStats(ctx, s.db)
}

// rowQueryer is what countStats asks of a database or a transaction.
type rowQueryer interface {
	queryer
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// countStats counts what the database holds, with one query per figure.
func countStats(ctx context.Context, db rowQueryer) (*tokumu.Stats, error) {
	st := &tokumu.Stats{
		ByType: map[tokumu.EntityType]int{}, ByGrade: map[string]int{},
		BySource: map[string]int{}, ByPredicate: map[string]int{},
	}
	one := func(q string, dst *int) error {
		return db.QueryRowContext(ctx, q).Scan(dst)
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
		if err := one(c.q, c.dst); err != nil {
			return nil, fmt.Errorf("sqlite: stats: %w", err)
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
		rows, err := db.QueryContext(ctx, g.q)
		if err != nil {
			return nil, fmt.Errorf("sqlite: stats: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: stats: %w", err)
			}
			g.f(k, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: stats: %w", err)
		}
	}
	return st, nil
}
