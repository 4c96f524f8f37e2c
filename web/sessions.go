package web

import (
	"context"
	"time"
)

// Expired sessions are deleted: at each sign-in, and every SweepEvery
// while the server runs (SweepSessions, started by tokumu serve), so that
// the token table holds the API tokens and the live sessions, not every
// sign-in ever made. A session cookie of a deleted session signs in as no
// one, as an expired one did.

// SweepEvery is how often tokumu serve deletes expired sessions: often
// enough that the table stays small, rarely enough to cost nothing.
const SweepEvery = time.Hour

// sweepSessions deletes the expired and signed-out sessions of the store
// the server answers from now, and logs how many (errors too: a sweep
// that fails is retried at the next one).
func (s *Server) sweepSessions(ctx context.Context) {
	acc := accountsOf(s.cur.Load())
	if acc == nil {
		return
	}
	n, err := acc.DeleteExpiredSessions(ctx, time.Now())
	switch {
	case err != nil:
		s.Logger.Warn("deleting expired sessions failed", "err", err)
	case n > 0:
		s.Logger.Info("expired sessions deleted", "n", n)
	}
}

// SweepSessions deletes expired sessions every interval until ctx ends.
func (s *Server) SweepSessions(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.sweepSessions(ctx)
		}
	}
}
