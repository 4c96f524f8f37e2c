package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the prepared statements of the claim queries. Without
// it every Claims call parsed and planned its SQL again: at 1M claims
// that was half the CPU of an entity's relations at a date (profile in
// BENCHMARKS.md), more than the rows themselves. A query's text depends
// only on which filter fields are set (values are bound, LIMIT too), so
// the texts are few; maxStmts bounds them anyway.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxStmts = 256

// query runs q with args through a statement prepared once per DB (and,
// by database/sql, once per connection of its pool).
func (s *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.stmts.get(ctx, s.db, q)
	if err != nil {
		return nil, err
	}
	if st == nil { // the cache is full: an unusual filter, asked unprepared
		return s.db.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) get(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[q]; st != nil {
		return st, nil
	}
	if len(c.m) >= maxStmts {
		return nil, nil
	}
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st, nil
}

func (c *stmtCache) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
