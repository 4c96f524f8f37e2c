package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	// Not a terminal: no progress, and its methods are safe on nil.
	m := &Main{Stderr: &bytes.Buffer{}}
	p := m.progress("reading")
	if p != nil {
		t.Fatal("progress on a buffer; want nil (only terminals get progress)")
	}
	p.Stage("x")
	p.Write([]byte("y\n"))
	p.Done()

	var w syncBuffer
	p = startProgress(&w, "reading corpus", time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	p.Write([]byte("writing 3 entities and 5 claims …\n"))
	time.Sleep(20 * time.Millisecond)
	p.Done()
	p.Done() // twice is harmless
	out := w.String()
	if !strings.HasPrefix(out, "\r\033[K⠋ reading corpus … 0.0 s") {
		t.Errorf("first frame: %q", out[:min(len(out), 60)])
	}
	if !strings.Contains(out, "⠙ ") || !strings.Contains(out, " writing 3 entities and 5 claims … 0.0") {
		t.Errorf("later frames lack the spinner's next step or the new stage: %q", out)
	}
	if !strings.HasSuffix(out, "s\r\033[K") {
		t.Errorf("Done does not erase the line: ends %q", out[max(0, len(out)-20):])
	}
	if n := len(out); n > 0 {
		time.Sleep(10 * time.Millisecond)
		if len(w.String()) != n {
			t.Error("progress writes after Done")
		}
	}
}
