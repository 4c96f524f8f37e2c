package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress shows what a long command is doing on the terminal: one line,
// redrawn ten times a second, with a spinner, the current stage and the
// time so far ("⠹ writing 812 entities and 9,406 claims … 2.4 s"), erased
// when the work ends. The stages do not report fractions (loading and
// writing are single calls), so it is a spinner with a clock, not a bar:
// it proves the program is alive and says where it is. On anything but a
// terminal it is nil and every method does nothing, so pipes and logs get
// no control characters.
//
// A progress is an io.Writer, so code that takes a progress writer (buildDB)
// can feed it stages: each write replaces the stage.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	stage string
	stop  chan struct{}
	done  chan struct{}
}

// progress returns a progress on stderr if it is a terminal, else nil.
// Commands with long work (import, and export or audit) start one; Done
// must be called before printing results.
func (m *Main) progress(stage string) *progress {
	if !isTerminal(m.Stderr) || (m.Getenv != nil && m.Getenv("TERM") == "dumb") {
		return nil
	}
	return startProgress(m.Stderr, stage, 100*time.Millisecond)
}

func startProgress(w io.Writer, stage string, every time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), stage: stage, stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop(every)
	return p
}

var spinner = []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

func (p *progress) loop(every time.Duration) {
	defer close(p.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		p.mu.Lock()
		fmt.Fprintf(p.w, "\r\033[K%c %s … %.1f s", spinner[i%len(spinner)], p.stage, time.Since(p.start).Seconds())
		p.mu.Unlock()
		select {
		case <-p.stop:
			fmt.Fprint(p.w, "\r\033[K")
			return
		case <-t.C:
		}
	}
}

// Stage names what the work is doing now.
func (p *progress) Stage(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stage = fmt.Sprintf(format, args...)
	p.mu.Unlock()
}

// Write sets the stage to the text written (its last line).
func (p *progress) Write(b []byte) (int, error) {
	if p == nil {
		return len(b), nil
	}
	s := strings.TrimRight(string(b), "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	p.Stage("%s", strings.TrimSuffix(strings.TrimSpace(s), " …"))
	return len(b), nil
}

// Done erases the line; the program's output follows on a clean line.
func (p *progress) Done() {
	if p == nil {
		return
	}
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	<-p.done
}

// isTerminal reports whether w is a terminal, where progress is worth showing.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
