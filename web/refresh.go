package web

import (
	"context"
	"sync"
	"time"

	"github.com/tokumu/tokumu"
)

// Keeping the read models in step with the store. The search index, the
// chart and the snapshot are built from the store once per state; after a
// revision the state is rebuilt (Swap on the same store). Rebuilds are
// coalesced: one runs at a time, and the revisions that arrive while it
// runs are covered by the next one, so a burst of edits costs two
// rebuilds, not one each. A write through this server waits (up to
// refreshWait) until a state with its revision serves, so its author sees
// it on the next page; another instance on the same PostgreSQL database
// hears of it through Refresh, called by LISTEN/NOTIFY
// (postgres.DB.WatchRevisions, wired in cmd/tokumu).

// refreshWait bounds how long a write waits for its revision to show.
const refreshWait = 10 * time.Second

// refresher is the state of the rebuild loop.
type refresher struct {
	mu      sync.Mutex
	want    int64 // the newest revision asked for; 0 with check: look at the store
	check   bool
	running bool
	gen     chan struct{} // closed and replaced at every swap
	logged  string        // the failure logRefresh last reported; read and written by refreshLoop only
}

// swapped wakes everyone waiting for a newer state.
func (s *Server) swapped() {
	s.ref.mu.Lock()
	if s.ref.gen != nil {
		close(s.ref.gen)
	}
	s.ref.gen = make(chan struct{})
	s.ref.mu.Unlock()
}

// Refresh asks for the read models to be rebuilt if the store holds a
// revision newer than rev's state: rev is a revision known to be
// committed, or 0 for "look at the store's newest". It returns at once.
func (s *Server) Refresh(rev int64) {
	s.ref.mu.Lock()
	defer s.ref.mu.Unlock()
	if rev > s.ref.want {
		s.ref.want = rev
	}
	s.ref.check = true
	if !s.ref.running {
		s.ref.running = true
		go s.refreshLoop()
	}
}

func (s *Server) refreshLoop() {
	for {
		s.ref.mu.Lock()
		if !s.ref.check {
			s.ref.running = false
			s.ref.mu.Unlock()
			return
		}
		s.ref.check = false
		s.ref.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cur := s.cur.Load()
		head, err := tokumu.HeadRevision(ctx, cur.store)
		var hash string
		if err == nil {
			// An import replaces the data without a revision (on
			// PostgreSQL, under the running servers): the hash tells.
			hash, err = cur.store.Hash(ctx)
		}
		if err == nil && (head > cur.rev || hash != cur.snap.hash) {
			start := time.Now()
			err = s.Swap(ctx, cur.store)
			if err == nil {
				s.Logger.Info("read models rebuilt", "revision", s.cur.Load().rev, "took", time.Since(start).Round(time.Millisecond))
			}
		}
		cancel()
		s.ref.logged = s.logRefresh(err, s.ref.logged)
	}
}

// logRefresh says when the store could not be read for changes — once
// while the same failure lasts (a stopped database retried every second
// would fill the log), and again when it is over — and returns what it
// last said.
func (s *Server) logRefresh(err error, last string) string {
	switch {
	case err == nil && last != "":
		s.Logger.Info("the database answers again; the served data is current")
		return ""
	case err == nil:
		return ""
	case err.Error() == last:
		return last
	}
	s.Logger.Error("cannot read the database for changes; serving the data read before until it answers", "err", err)
	return err.Error()
}

// waitFor waits until the state serving requests reflects revision rev,
// or refreshWait passes, or ctx is done.
func (s *Server) waitFor(ctx context.Context, rev int64) {
	s.Refresh(rev)
	t := time.NewTimer(refreshWait)
	defer t.Stop()
	for {
		s.ref.mu.Lock()
		if s.ref.gen == nil {
			s.ref.gen = make(chan struct{})
		}
		gen := s.ref.gen
		s.ref.mu.Unlock()
		if s.cur.Load().rev >= rev {
			return
		}
		select {
		case <-gen:
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}
