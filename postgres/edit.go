package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tokumu/tokumu"
)

var _ tokumu.Editor = (*DB)(nil)

// editLock is the key of the advisory lock every Apply holds: revisions
// are numbered and committed one at a time, so that a revision number read
// as a Base covers every change committed before it.
const editLock = 0x746f6b756d7565 // "tokumue"

// Apply validates rev and writes its changes with their history rows in
// one transaction (see tokumu.Editor).
func (s *DB) Apply(ctx context.Context, rev *tokumu.Revision) error {
	if err := rev.Check(); err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: apply: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(editLock)); err != nil {
		return fmt.Errorf("postgres: apply: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond) // PostgreSQL keeps microseconds
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO revision (id, base, author, time, message)
		SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4 FROM revision RETURNING id`,
		rev.Base, rev.Author, now, rev.Message).Scan(&id); err != nil {
		return fmt.Errorf("postgres: apply: %w", err)
	}
	if rev.Base >= id {
		// A base from the future would pass every version check.
		return tokumu.Errorf(tokumu.EINVALID, "base: revision %d does not exist yet (the newest is %d); send the newest revision you read", rev.Base, id-1)
	}
	lk := &lookup{ctx: ctx, q: tx}
	befores := make([]any, len(rev.Changes))
	for i := range rev.Changes {
		ch := rev.Changes[i] // a copy: rev is changed only on success
		if ch.After != nil {
			ch.After = cloneObject(ch.After)
		}
		var current int64
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(rev), 0) FROM change WHERE kind = $1 AND id = $2`, string(ch.Kind), ch.ID).Scan(&current); err != nil {
			return fmt.Errorf("postgres: apply: %w", err)
		}
		if current > rev.Base {
			return tokumu.Conflict(ch.Kind, ch.ID, rev.Base, current)
		}
		before, err := readObject(ctx, tx, ch.Kind, ch.ID)
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
			return fmt.Errorf("postgres: apply: %w", lk.err)
		}
		if err := writeObject(ctx, tx, ch); err != nil {
			return fmt.Errorf("postgres: apply: %s %s: %w", ch.Kind, ch.ID, err)
		}
		if typeChanged(before, ch.After) {
			if err := recheckClaims(ctx, tx, lk, i, ch.After.(*tokumu.Entity)); err != nil {
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
		if _, err := tx.Exec(ctx, `INSERT INTO change (rev, ord, op, kind, id, before, after) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
			id, i, string(ch.Op), string(ch.Kind), ch.ID, b, a); err != nil {
			return fmt.Errorf("postgres: apply: %w", err)
		}
		befores[i] = before
		rev.Changes[i].After = ch.After // with the effective grade set by validation
	}
	// Delivered at commit, to every process listening on this database
	// (WatchRevisions): the other tokumu instances reload.
	if _, err := tx.Exec(ctx, `SELECT pg_notify('`+notifyChannel+`', current_schema() || ':' || $1)`, strconv.FormatInt(id, 10)); err != nil {
		return fmt.Errorf("postgres: apply: notify: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: apply: commit: %w", err)
	}
	rev.ID, rev.Time = id, now
	for i := range rev.Changes {
		rev.Changes[i].Before = befores[i]
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
func recheckClaims(ctx context.Context, tx pgx.Tx, lk *lookup, i int, e *tokumu.Entity) error {
	rows, err := tx.Query(ctx, `SELECT `+claimColumns+` FROM claim
		WHERE subject = $1 OR object = $1 OR place = $1 OR perspective = $1 OR planted_by = $1 ORDER BY id`, e.ID)
	if err != nil {
		return fmt.Errorf("postgres: apply: %w", err)
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
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: apply: %w", err)
	}
	for _, c := range cs {
		st, _ := lk.EntityType(c.Subject)
		if ps := tokumu.ValidateClaim(lk, st, c); len(ps) > 0 {
			return tokumu.Errorf(tokumu.EINVALID, "changes[%d].after.type: entity %s with type %s would break claim %s (%s); change or retract the claim first",
				i, e.ID, e.Type, c.ID, ps[0].Error())
		}
	}
	if lk.err != nil {
		return fmt.Errorf("postgres: apply: %w", lk.err)
	}
	return nil
}

// readObject returns the object of kind k with the id, or nil.
func readObject(ctx context.Context, q querier, k tokumu.ObjectKind, id string) (any, error) {
	switch k {
	case tokumu.KindClaim:
		c, err := scanClaim(q.QueryRow(ctx, `SELECT `+claimColumns+` FROM claim WHERE id = $1`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil
		}
		return c, err
	case tokumu.KindSource:
		var data string
		err := q.QueryRow(ctx, `SELECT data FROM source WHERE id = $1`, id).Scan(&data)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("postgres: source %s: %w", id, err)
		}
		return decodeSource(data)
	case tokumu.KindEntity:
		e := &tokumu.Entity{}
		var typ, summary, tags string
		err := q.QueryRow(ctx, `SELECT id, type, summary, tags, origin FROM entity WHERE id = $1`, id).Scan(&e.ID, &typ, &summary, &tags, &e.Origin)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("postgres: entity %s: %w", id, err)
		}
		e.Type = tokumu.EntityType(typ)
		if summary != "{}" && summary != "" {
			if err := json.Unmarshal([]byte(summary), &e.Summary); err != nil {
				return nil, fmt.Errorf("postgres: entity %s summary: %w", id, err)
			}
		}
		if tags != "" {
			if err := json.Unmarshal([]byte(tags), &e.Tags); err != nil {
				return nil, fmt.Errorf("postgres: entity %s tags: %w", id, err)
			}
		}
		if err := loadNames(ctx, q, []*tokumu.Entity{e}, map[string]*tokumu.Entity{id: e}, false); err != nil {
			return nil, err
		}
		return e, nil
	}
	return nil, fmt.Errorf("postgres: unknown object kind %q", k)
}

// writeObject writes one change to the corpus tables.
func writeObject(ctx context.Context, tx pgx.Tx, ch tokumu.Change) error {
	switch ch.Kind {
	case tokumu.KindClaim:
		if _, err := tx.Exec(ctx, `DELETE FROM claim WHERE id = $1`, ch.ID); err != nil {
			return err
		}
		if ch.Op == tokumu.OpRetract {
			return nil
		}
		ph := make([]string, len(claimColumnList))
		for i := range ph {
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		_, err := tx.Exec(ctx, `INSERT INTO claim (`+claimColumns+`) VALUES (`+strings.Join(ph, ",")+`)`, claimRow(ch.After.(*tokumu.Claim))...)
		return err
	case tokumu.KindSource:
		src := ch.After.(*tokumu.Source)
		_, err := tx.Exec(ctx, `INSERT INTO source (id, kind, data) VALUES ($1, $2, $3)
			ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, data = excluded.data`,
			src.ID, string(src.Kind), mustJSON(newSourceRow(src)))
		return err
	case tokumu.KindEntity:
		e := ch.After.(*tokumu.Entity)
		summary := "{}"
		if len(e.Summary) > 0 {
			summary = mustJSON(e.Summary)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO entity (id, type, summary, tags, origin) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (id) DO UPDATE SET type = excluded.type, summary = excluded.summary, tags = excluded.tags, origin = excluded.origin`,
			e.ID, string(e.Type), summary, listJSON(e.Tags), e.Origin); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM name WHERE entity = $1`, e.ID); err != nil {
			return err
		}
		for i, n := range e.Names {
			if _, err := tx.Exec(ctx, `INSERT INTO name (entity, ord, text, lang, kind, when_, source) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
				e.ID, int32(i), n.Text, n.Lang, string(n.Kind), whenText(n.When), n.Source); err != nil {
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
	q     querier
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
	err := l.q.QueryRow(l.ctx, `SELECT type FROM entity WHERE id = $1`, id).Scan(&t)
	if err != nil {
		if !errors.Is(err, pgx.ErrNoRows) {
			l.fail(err)
		}
		return "", false
	}
	return tokumu.EntityType(t), true
}

func (l *lookup) exists(q, id string) bool {
	var n int
	if err := l.q.QueryRow(l.ctx, q, id).Scan(&n); err != nil {
		l.fail(err)
		return false
	}
	return n > 0
}

func (l *lookup) HasSource(id string) bool {
	return l.exists(`SELECT COUNT(*) FROM source WHERE id = $1`, id)
}

func (l *lookup) HasClaim(id string) bool {
	return l.exists(`SELECT COUNT(*) FROM claim WHERE id = $1`, id)
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

// History returns the revisions that match f, newest first.
func (s *DB) History(ctx context.Context, f tokumu.HistoryFilter) ([]*tokumu.Revision, error) {
	var where []string
	var a args
	if f.ID != "" {
		cond := "id IN (SELECT rev FROM change WHERE id = " + a.add(f.ID)
		if f.Kind != "" {
			cond += " AND kind = " + a.add(string(f.Kind))
		}
		where = append(where, cond+")")
	}
	if f.Entity != "" {
		where = append(where, "id IN (SELECT rev FROM change WHERE (kind = 'entity' AND id = "+a.add(f.Entity)+
			") OR (kind = 'claim' AND id >= "+a.add(f.Entity+"~")+" AND id < "+a.add(f.Entity+"\x7f")+
			") OR (kind = 'claim' AND id IN (SELECT id FROM claim WHERE subject = "+a.add(f.Entity)+")))")
	}
	if f.Author != "" {
		where = append(where, "author = "+a.add(f.Author))
	}
	if f.Before > 0 {
		where = append(where, "id < "+a.add(f.Before))
	}
	q := `SELECT id, base, author, time, message FROM revision`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: history: %w", err)
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: history: %w", err)
	}
	var out []*tokumu.Revision
	byID := map[int64]*tokumu.Revision{}
	var ids []int64
	for rows.Next() {
		r := &tokumu.Revision{}
		if err := rows.Scan(&r.ID, &r.Base, &r.Author, &r.Time, &r.Message); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: history: %w", err)
		}
		r.Time = r.Time.UTC()
		out = append(out, r)
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: history: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err = tx.Query(ctx, `SELECT rev, op, kind, id, before, after FROM change WHERE rev = ANY($1) ORDER BY rev, ord`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rev int64
		var op, kind, id, before, after string
		if err := rows.Scan(&rev, &op, &kind, &id, &before, &after); err != nil {
			return nil, fmt.Errorf("postgres: history: %w", err)
		}
		ch := tokumu.Change{Op: tokumu.Op(op), Kind: tokumu.ObjectKind(kind), ID: id}
		if ch.Before, err = tokumu.DecodeObject(ch.Kind, before); err != nil {
			return nil, fmt.Errorf("postgres: history: revision %d: %w", rev, err)
		}
		if ch.After, err = tokumu.DecodeObject(ch.Kind, after); err != nil {
			return nil, fmt.Errorf("postgres: history: revision %d: %w", rev, err)
		}
		byID[rev].Changes = append(byID[rev].Changes, ch)
	}
	return out, rows.Err()
}
