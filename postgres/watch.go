package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// notifyChannel is the LISTEN/NOTIFY channel on which Apply announces each
// committed revision as "schema:number". Notifications are per database,
// so the payload names the schema and a listener keeps its own.
const notifyChannel = "tokumu_revision"

// WatchRevisions calls fn with the number of every revision committed to
// this store — by this process or any other on the same database — until
// ctx is done, which is its only return. It holds one connection LISTENing
// (PostgreSQL delivers a notification at its transaction's commit, so the
// revision is readable when fn runs). When the connection fails it calls
// fn(0), "something may have been missed", and listens again after a
// second: an instance behind a load balancer then reloads rather than
// serving a stale corpus for good.
func (s *DB) WatchRevisions(ctx context.Context, fn func(rev int64)) {
	for ctx.Err() == nil {
		err := s.listen(ctx, fn)
		if ctx.Err() != nil {
			return
		}
		_ = err // the next attempt says more; the caller reloads meanwhile
		fn(0)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

func (s *DB) listen(ctx context.Context, fn func(rev int64)) error {
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// The connection leaves the pool: a LISTENing connection must not
	// serve queries for others.
	conn := c.Hijack()
	defer conn.Close(context.Background())
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `LISTEN `+notifyChannel); err != nil {
		return err
	}
	// A revision committed before LISTEN took hold was not announced to
	// us: fn(0) asks the caller to compare its revision with the newest.
	fn(0)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		sch, num, ok := strings.Cut(n.Payload, ":")
		if !ok || sch != schema {
			continue
		}
		rev, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return fmt.Errorf("postgres: notification %q: %w", n.Payload, err)
		}
		fn(rev)
	}
}
