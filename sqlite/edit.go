package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tokumu/tokumu"
)

var _ tokumu.Editor = (*DB)(nil)

// Apply validates rev and writes its changes with their history rows in
// one transaction (see tokumu.Editor). The transaction begins IMMEDIATE:
// it holds SQLite's one write lock from its first statement, so revisions
// are numbered in commit order and the version check reads what no other
// writer can change before the commit.
func (s *DB) Apply(ctx context.Context, rev *tokumu.Revision) error {
	if err := rev.Check(); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	// The counts Replace kept are stale once anything changes; Stats
	// counts again (in this transaction, so a rolled-back edit keeps them).
	if _, err := conn.ExecContext(ctx, `DELETE FROM meta WHERE key = 'stats'`); err != nil {
		conn.ExecContext(context.Background(), `ROLLBACK`)
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	// So are the caches of derived data (the search index stored at
	// import): they are keyed by the imported content's hash, which an
	// edit does not change, so they must go with the edit.
	if _, err := conn.ExecContext(ctx, `DELETE FROM blob`); err != nil {
		conn.ExecContext(context.Background(), `ROLLBACK`)
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			// A background context: the rollback must run even when
			// ctx was cancelled, or the connection returns to the pool
			// inside a transaction.
			conn.ExecContext(context.Background(), `ROLLBACK`)
		}
	}()
	now := time.Now().UTC().Truncate(time.Microsecond)
	var id int64
	if err := conn.QueryRowContext(ctx, `INSERT INTO revision (id, base, author, time, message)
		SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ? FROM revision RETURNING id`,
		rev.Base, rev.Author, now.Format(time.RFC3339Nano), rev.Message).Scan(&id); err != nil {
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	if rev.Base >= id {
		// A base from the future would pass every version check.
		return tokumu.Errorf(tokumu.EINVALID, "base: revision %d does not exist yet (the newest is %d); send the newest revision you read", rev.Base, id-1)
	}
	lk := &lookup{ctx: ctx, q: conn}
	befores := make([]any, len(rev.Changes))
	afters := make([]any, len(rev.Changes))
	for i := range rev.Changes {
		ch := rev.Changes[i] // a copy: rev is changed only on success
		if ch.After != nil {
			ch.After = cloneObject(ch.After)
		}
		var current int64
		if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(rev), 0) FROM change WHERE kind = ? AND id = ?`, string(ch.Kind), ch.ID).Scan(&current); err != nil {
			return fmt.Errorf("sqlite: apply: %w", err)
		}
		if current > rev.Base {
			return tokumu.Conflict(ch.Kind, ch.ID, rev.Base, current)
		}
		before, err := readObject(ctx, conn, ch.Kind, ch.ID)
		if err != nil {
			return err
		}
		if ch.Op == tokumu.OpRetract && before == nil {
			return tokumu.Errorf(tokumu.ENOTFOUND, "changes[%d]: no %s %q to retract", i, ch.Kind, ch.ID)
		}
		if err := tokumu.ValidateChange(lk, i, &ch); err != nil {
			return err
		}
		if lk.err != nil {
			return fmt.Errorf("sqlite: apply: %w", lk.err)
		}
		if err := writeObject(ctx, conn, ch); err != nil {
			return fmt.Errorf("sqlite: apply: %s %s: %w", ch.Kind, ch.ID, err)
		}
		if typeChanged(before, ch.After) {
			if err := recheckClaims(ctx, conn, lk, i, ch.After.(*tokumu.Entity)); err != nil {
				return err
			}
		}
		b, err := tokumu.EncodeObject(before)
		if err != nil {
			return err
		}
		a, err := tokumu.EncodeObject(ch.After)
		if err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO change (rev, ord, op, kind, id, before, after) VALUES (?,?,?,?,?,?,?)`,
			id, i, string(ch.Op), string(ch.Kind), ch.ID, b, a); err != nil {
			return fmt.Errorf("sqlite: apply: %w", err)
		}
		befores[i], afters[i] = before, ch.After
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("sqlite: apply: commit: %w", err)
	}
	committed = true
	rev.ID, rev.Time = id, now
	for i := range rev.Changes {
		rev.Changes[i].Before, rev.Changes[i].After = befores[i], afters[i]
	}
	return nil
}

// cloneObject copies a change's object through its history form, so that
// validation's effective grade does not reach the caller's value before
// the revision is committed.
func cloneObject(v any) any {
	var k tokumu.ObjectKind
	switch v.(type) {
	case *tokumu.Claim:
		k = tokumu.KindClaim
	case *tokumu.Entity:
		k = tokumu.KindEntity
	case *tokumu.Source:
		k = tokumu.KindSource
	default:
		return v
	}
	s, err := tokumu.EncodeObject(v)
	if err != nil {
		return v
	}
	c, err := tokumu.DecodeObject(k, s)
	if err != nil {
		return v
	}
	return c
}

// typeChanged reports whether a change gives an existing entity another
// type, which the claims about it must then allow.
func typeChanged(before, after any) bool {
	b, ok1 := before.(*tokumu.Entity)
	a, ok2 := after.(*tokumu.Entity)
	return ok1 && ok2 && b != nil && a != nil && a.Type != b.Type
}

// recheckClaims validates again, with e's new type already written, every
// claim that refers to e, and refuses the change if one would break.
func recheckClaims(ctx context.Context, q conn, lk *lookup, i int, e *tokumu.Entity) error {
	rows, err := q.QueryContext(ctx, `SELECT `+claimColumns+` FROM claim
		WHERE subject = ?1 OR object = ?1 OR place = ?1 OR perspective = ?1 OR planted_by = ?1 ORDER BY id`, e.ID)
	if err != nil {
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	var cs []*tokumu.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			rows.Close()
			return err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: apply: %w", err)
	}
	for _, c := range cs {
		st, _ := lk.EntityType(c.Subject)
		if ps := tokumu.ValidateClaim(lk, st, c); len(ps) > 0 {
			return tokumu.Errorf(tokumu.EINVALID, "changes[%d].after.type: entity %s with type %s would break claim %s (%s); change or retract the claim first",
				i, e.ID, e.Type, c.ID, ps[0].Error())
		}
	}
	if lk.err != nil {
		return fmt.Errorf("sqlite: apply: %w", lk.err)
	}
	return nil
}

// conn is what the write transaction runs on.
type conn interface {
	queryer
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// readObject returns the object of kind k with the id, or nil.
func readObject(ctx context.Context, q conn, k tokumu.ObjectKind, id string) (any, error) {
	switch k {
	case tokumu.KindClaim:
		rows, err := q.QueryContext(ctx, `SELECT `+claimColumns+` FROM claim WHERE id = ?`, id)
		if err != nil {
			return nil, fmt.Errorf("sqlite: claim %s: %w", id, err)
		}
		defer rows.Close()
		if !rows.Next() {
			return nil, rows.Err()
		}
		return scanClaim(rows)
	case tokumu.KindSource:
		var data string
		err := q.QueryRowContext(ctx, `SELECT data FROM source WHERE id = ?`, id).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: source %s: %w", id, err)
		}
		return decodeSource(data)
	case tokumu.KindEntity:
		e := &tokumu.Entity{}
		var typ, summary, tags string
		err := q.QueryRowContext(ctx, `SELECT id, type, summary, tags, origin FROM entity WHERE id = ?`, id).Scan(&e.ID, &typ, &summary, &tags, &e.Origin)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
		}
		e.Type = tokumu.EntityType(typ)
		if summary != "{}" && summary != "" {
			if err := json.Unmarshal([]byte(summary), &e.Summary); err != nil {
				return nil, fmt.Errorf("sqlite: entity %s summary: %w", id, err)
			}
		}
		if tags != "" {
			if err := json.Unmarshal([]byte(tags), &e.Tags); err != nil {
				return nil, fmt.Errorf("sqlite: entity %s tags: %w", id, err)
			}
		}
		if err := loadNames(ctx, q, []*tokumu.Entity{e}, map[string]*tokumu.Entity{id: e}, false); err != nil {
			return nil, err
		}
		return e, nil
	}
	return nil, fmt.Errorf("sqlite: unknown object kind %q", k)
}

// writeObject writes one change to the corpus tables.
func writeObject(ctx context.Context, q conn, ch tokumu.Change) error {
	switch ch.Kind {
	case tokumu.KindClaim:
		// The claim's interval-index entry goes and comes with its row.
		if _, err := q.ExecContext(ctx, `DELETE FROM claim_at WHERE id IN (SELECT seq FROM claim WHERE id = ?)`, ch.ID); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM claim WHERE id = ?`, ch.ID); err != nil {
			return err
		}
		if ch.Op == tokumu.OpRetract {
			return nil
		}
		c := ch.After.(*tokumu.Claim)
		var obj any
		if c.Object != "" {
			obj = c.Object
		}
		var lo, ls, ee, hi any
		if !c.When.IsZero() {
			lo, ls, ee, hi = int64(c.When.Earliest), int64(c.When.LatestStart), int64(c.When.EarliestEnd), int64(c.When.Latest)
		}
		res, err := q.ExecContext(ctx, `INSERT INTO claim (`+claimColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.ID, c.Subject, c.Predicate, obj, c.Value, c.Unit, c.Role, c.Lang,
			c.When.EDTF, c.When.Text, lo, ls, ee, hi, c.When.Interval, c.Where, c.Source, c.Locator, c.Grade.String(),
			c.Perspective, c.PlantedBy, c.NamedAs.Encode(), c.Note, listJSON(c.SupportedBy), listJSON(c.ComplicatedBy), c.Origin)
		if err != nil {
			return err
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		_, err = q.ExecContext(ctx, claimAtFill+` AND seq = ?`, seq)
		return err
	case tokumu.KindSource:
		src := ch.After.(*tokumu.Source)
		_, err := q.ExecContext(ctx, `INSERT INTO source (id, kind, data) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, data = excluded.data`,
			src.ID, string(src.Kind), mustJSON(newSourceRow(src)))
		return err
	case tokumu.KindEntity:
		e := ch.After.(*tokumu.Entity)
		summary := "{}"
		if len(e.Summary) > 0 {
			summary = mustJSON(e.Summary)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO entity (id, type, summary, tags, origin) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET type = excluded.type, summary = excluded.summary, tags = excluded.tags, origin = excluded.origin`,
			e.ID, string(e.Type), summary, listJSON(e.Tags), e.Origin); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM name WHERE entity = ?`, e.ID); err != nil {
			return err
		}
		for i, n := range e.Names {
			if _, err := q.ExecContext(ctx, `INSERT INTO name (entity, ord, text, lang, kind, when_, source) VALUES (?,?,?,?,?,?,?)`,
				e.ID, i, n.Text, n.Lang, string(n.Kind), whenText(n.When), n.Source); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown object kind %q", ch.Kind)
}

// lookup answers validation's questions inside the transaction, so that
// a change may refer to an object an earlier change of the same revision
// created. The first error is kept in err: tokumu.Lookup has no error
// results.
type lookup struct {
	ctx   context.Context
	q     conn
	preds map[string]*tokumu.Predicate
	err   error
}

func (l *lookup) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}

func (l *lookup) Predicate(id string) *tokumu.Predicate {
	if l.preds == nil {
		ps, err := predicates(l.ctx, l.q)
		if err != nil {
			l.fail(err)
			return nil
		}
		l.preds = map[string]*tokumu.Predicate{}
		for _, p := range ps {
			l.preds[p.ID] = p
		}
	}
	return l.preds[id]
}

func (l *lookup) EntityType(id string) (tokumu.EntityType, bool) {
	var t string
	err := l.q.QueryRowContext(l.ctx, `SELECT type FROM entity WHERE id = ?`, id).Scan(&t)
	if err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			l.fail(err)
		}
		return "", false
	}
	return tokumu.EntityType(t), true
}

func (l *lookup) exists(q, id string) bool {
	var n int
	if err := l.q.QueryRowContext(l.ctx, q, id).Scan(&n); err != nil {
		l.fail(err)
		return false
	}
	return n > 0
}

func (l *lookup) HasSource(id string) bool {
	return l.exists(`SELECT COUNT(*) FROM source WHERE id = ?`, id)
}

func (l *lookup) HasClaim(id string) bool {
	return l.exists(`SELECT COUNT(*) FROM claim WHERE id = ?`, id)
}

func (l *lookup) Source(id string) *tokumu.Source {
	src, err := readObject(l.ctx, l.q, tokumu.KindSource, id)
	if err != nil {
		l.fail(err)
		return nil
	}
	if src == nil {
		return nil
	}
	return src.(*tokumu.Source)
}

// History returns the revisions that match f, newest first, read in one
// transaction so that the revisions and their changes agree.
func (s *DB) History(ctx context.Context, f tokumu.HistoryFilter) ([]*tokumu.Revision, error) {
	var where []string
	var args []any
	if f.ID != "" {
		cond := "id IN (SELECT rev FROM change WHERE id = ?"
		args = append(args, f.ID)
		if f.Kind != "" {
			cond += " AND kind = ?"
			args = append(args, string(f.Kind))
		}
		where = append(where, cond+")")
	}
	if f.Entity != "" {
		where = append(where, `id IN (SELECT rev FROM change WHERE (kind = 'entity' AND id = ?)
			OR (kind = 'claim' AND id >= ? AND id < ?)
			OR (kind = 'claim' AND id IN (SELECT id FROM claim WHERE subject = ?)))`)
		args = append(args, f.Entity, f.Entity+"~", f.Entity+"\x7f", f.Entity)
	}
	if f.Author != "" {
		where, args = append(where, "author = ?"), append(args, f.Author)
	}
	if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	q := `SELECT id, base, author, time, message FROM revision`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	var out []*tokumu.Revision
	byID := map[int64]*tokumu.Revision{}
	var ids []int64
	for rows.Next() {
		r := &tokumu.Revision{}
		var tm string
		if err := rows.Scan(&r.ID, &r.Base, &r.Author, &tm, &r.Message); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: history: %w", err)
		}
		if r.Time, err = time.Parse(time.RFC3339Nano, tm); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: history: revision %d time: %w", r.ID, err)
		}
		out = append(out, r)
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT rev, op, kind, id, before, after FROM change
		WHERE rev IN (SELECT value FROM json_each(?)) ORDER BY rev, ord`, mustJSON(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rev int64
		var op, kind, id, before, after string
		if err := rows.Scan(&rev, &op, &kind, &id, &before, &after); err != nil {
			return nil, fmt.Errorf("sqlite: history: %w", err)
		}
		ch := tokumu.Change{Op: tokumu.Op(op), Kind: tokumu.ObjectKind(kind), ID: id}
		if ch.Before, err = tokumu.DecodeObject(ch.Kind, before); err != nil {
			return nil, fmt.Errorf("sqlite: history: revision %d: %w", rev, err)
		}
		if ch.After, err = tokumu.DecodeObject(ch.Kind, after); err != nil {
			return nil, fmt.Errorf("sqlite: history: revision %d: %w", rev, err)
		}
		byID[rev].Changes = append(byID[rev].Changes, ch)
	}
	return out, rows.Err()
}
