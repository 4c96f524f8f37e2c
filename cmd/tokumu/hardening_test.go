//go:build unix

package main

// Tests named after the findings of the reliability review
// (research/reviews/reliability.md) that concern the command.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tokumu/tokumu/internal/synth"
	_ "modernc.org/sqlite"
)

// TestQuietMistakes (finding 6): a mistyped --db is an error, not a new
// database; serving beyond loopback says so; control characters from the
// corpus are escaped on a terminal.
func TestQuietMistakes(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.db")
	code, _, errs := run(t, typo, "stats")
	if code != 2 || !strings.Contains(errs, "typo.db does not exist (a mistyped --db?)") {
		t.Errorf("stats --db typo.db: exit %d, %q; want 2 and the fix", code, errs)
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("stats --db typo.db created the file")
	}
	deep := filepath.Join(dir, "no", "such", "dir", "x.db")
	if code, _, _ := run(t, deep, "show", "harbin"); code != 2 {
		t.Errorf("--db in a missing directory: exit %d, want 2", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Error("--db in a missing directory created the directory")
	}

	if n := networkNote(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}); n != "" {
		t.Errorf("loopback: %q", n)
	}
	n := networkNote(&net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	for _, want := range []string{"reachable from the network", "writing needs an account", "127.0.0.1"} {
		if !strings.Contains(n, want) {
			t.Errorf("0.0.0.0: note lacks %q: %s", want, n)
		}
	}

	for _, c := range []struct{ in, want string }{
		{"Harbin ハルビン Харбин\tx\n", "Harbin ハルビン Харбин\tx\n"},
		{"Ansi\x1b[2J\x1b[H\x1b]0;pwned-title\aOrg", `Ansi\x1b[2J\x1b[H\x1b]0;pwned-title\x07Org`},
		{"a NUL \x00 and DEL \x7f", `a NUL \x00 and DEL \x7f`},
		{"C1 CSI \u009b31m", `C1 CSI \u009b31m`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"\x1b]8;;http://evil.example/\ahyperlink\x1b]8;;\a", `\x1b]8;;http://evil.example/\x07hyperlink\x1b]8;;\x07`},
	} {
		if got := escapeControl(c.in); got != c.want {
			t.Errorf("escapeControl(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var buf bytes.Buffer
	if w := termWriter(&buf); w != io.Writer(&buf) {
		t.Error("a pipe got the escaping writer; output to a pipe stays as it is")
	}
	fmt.Fprint(escWriter{&buf}, "x\x1b[31my")
	if buf.String() != `x\x1b[31my` {
		t.Errorf("escWriter wrote %q", buf.String())
	}
}

// buildBinary builds the command into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "tokumu")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func claimsIn(t *testing.T, bin, db string) int {
	t.Helper()
	out, err := exec.Command(bin, "stats", "--db", db, "--json").Output()
	if err != nil {
		t.Fatalf("stats --db %s: %v", db, err)
	}
	var st struct{ Claims int }
	if err := json.Unmarshal(out, &st); err != nil {
		t.Fatalf("stats --json: %v: %s", err, out)
	}
	return st.Claims
}

func temporaries(t *testing.T, dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".tokumu-*.db"))
	return m
}

// TestKillDuringImport (finding 5): kill -9 of 'tokumu import' while it
// writes leaves the database as it was, and the next run removes the
// temporary the killed import left.
func TestKillDuringImport(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	big := filepath.Join(dir, "big")
	if _, err := synth.Write(big, 30000, 7); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")
	if out, err := exec.Command(bin, "import", "--db", db, good).CombinedOutput(); err != nil {
		t.Fatalf("import good: %v %s", err, out)
	}
	before := claimsIn(t, bin, db)
	// Kill at two points of the write: as soon as the temporary exists,
	// and once it has grown past 1 MB.
	for i, when := range []func() bool{
		func() bool { return len(temporaries(t, dir)) > 0 },
		func() bool {
			for _, f := range temporaries(t, dir) {
				if fi, err := os.Stat(f); err == nil && fi.Size() > 1<<20 {
					return true
				}
			}
			return false
		},
	} {
		cmd := exec.Command(bin, "import", "--db", db, big)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for !when() && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("kill %d: %v (the import finished before the kill point)", i, err)
		}
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: the import was not killed (%v): it finished before the kill point", i, err)
		}
		if len(temporaries(t, dir)) == 0 {
			t.Fatalf("kill %d: no temporary left behind to clean up; the test lost its point", i)
		}
		// The database is intact and still the old dataset; this run is
		// also the "next start" that removes the temporary.
		if got := claimsIn(t, bin, db); got != before {
			t.Errorf("kill %d: %d claims after the kill, want %d (the old dataset)", i, got, before)
		}
		if left := temporaries(t, dir); len(left) != 0 {
			t.Errorf("kill %d: temporaries left after the next run: %v", i, left)
		}
		if res := integrity(t, db); res != "ok" {
			t.Errorf("kill %d: integrity_check: %s", i, res)
		}
	}
}

// integrity runs SQLite's PRAGMA integrity_check on the file.
func integrity(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		return err.Error()
	}
	return res
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestReimportUnderRunningServer (finding 3): 'tokumu import' onto the
// database a server is reading switches the server to the new dataset
// within a few seconds; meanwhile every answer comes from one dataset or
// the other — the stats and an entity agree — and none fails.
func TestReimportUnderRunningServer(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "srv.db")
	if code, _, errs := run(t, db, "import", good); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	var errb syncBuffer
	m := &Main{Stdout: io.Discard, Stderr: &errb, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}) }()
	defer func() { cancel(); <-done }()
	addrRE := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(errb.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		t.Fatalf("serve did not start: %s", errb.String())
	}
	stats := func() (int, error) {
		res, err := http.Get(base + "/api/stats")
		if err != nil {
			return 0, err
		}
		defer res.Body.Close()
		var st struct{ Claims int }
		return st.Claims, json.NewDecoder(res.Body).Decode(&st)
	}
	small, err := stats()
	if err != nil {
		t.Fatal(err)
	}
	// Readers run through the import and the reload.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int]int{}
	for c := 0; c < 3; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				n, err := stats()
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen[n]++
				mu.Unlock()
			}
		}()
	}
	if code, _, errs := run(t, db, "import", "../../corpus"); code != 0 {
		t.Fatalf("re-import: %s", errs)
	}
	var large int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if large, _ = stats(); large != small {
			break
		}
	}
	close(stop)
	wg.Wait()
	if large == small {
		t.Fatalf("the server still answers %d claims 10 s after the import: it did not reload\n%s", large, errb.String())
	}
	// Once switched, it stays switched: no request sees the old file.
	for i := 0; i < 50; i++ {
		if n, err := stats(); err != nil || n != large {
			t.Fatalf("after the reload: %d claims (%v), want %d", n, err, large)
		}
	}
	for n := range seen {
		if n != small && n != large {
			t.Errorf("a reader saw %d claims, neither the old %d nor the new %d", n, small, large)
		}
	}
	if !strings.Contains(errb.String(), "reloaded") {
		t.Errorf("serve did not log the reload:\n%s", errb.String())
	}
	// SIGHUP reloads the unchanged file too.
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); strings.Count(errb.String(), "reloaded") < 2 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if n := strings.Count(errb.String(), "reloaded"); n != 2 {
		t.Errorf("after SIGHUP: %d reloads logged, want 2:\n%s", n, errb.String())
	}
	if n, err := stats(); err != nil || n != large {
		t.Errorf("after SIGHUP: %d claims (%v), want %d", n, err, large)
	}
	sc := bufio.NewScanner(strings.NewReader(errb.String()))
	for sc.Scan() {
		if strings.Contains(sc.Text(), "could not be loaded") {
			t.Errorf("serve: %s", sc.Text())
		}
	}
}
