// Command sqlitespike measures the SQLite half of tokumu's import (claim rows 64 to a statement,
// the seven claim indexes, the R*Tree fill, ANALYZE) with modernc's
// pure-Go SQLite and with mattn's cgo SQLite, on the same rows read first
// from a database tokumu import wrote.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3"
	_ "modernc.org/sqlite"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	src := flag.String("src", "", "database tokumu import wrote")
	drv := flag.String("driver", "sqlite", "sqlite (modernc) or sqlite3 (mattn)")
	out := flag.String("out", "/tmp/s8/spike.db", "")
	flag.Parse()
	in, err := sql.Open("sqlite", "file:"+*src+"?mode=ro")
	if err != nil {
		log.Fatal(err)
	}
	var ddl string
	if err := in.QueryRow(`SELECT sql FROM sqlite_master WHERE name='claim'`).Scan(&ddl); err != nil {
		log.Fatal(err)
	}
	var idx []string
	r, _ := in.Query(`SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='claim' AND sql IS NOT NULL`)
	for r.Next() {
		var s string
		r.Scan(&s)
		idx = append(idx, s)
	}
	r.Close()
	rows, err := in.Query(`SELECT * FROM claim ORDER BY seq`)
	if err != nil {
		log.Fatal(err)
	}
	cols, _ := rows.Columns()
	var data [][]any
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		rows.Scan(p...)
		data = append(data, v)
	}
	rows.Close()
	var at [][]any
	rows, _ = in.Query(`SELECT id, k0, k1, lo, hi FROM claim_at`)
	for rows.Next() {
		var a, b, c, d, e int64
		rows.Scan(&a, &b, &c, &d, &e)
		at = append(at, []any{a, b, c, d, e})
	}
	rows.Close()
	in.Close()
	os.Remove(*out)
	dsn := *out
	if *drv == "sqlite" {
		dsn = "file:" + *out + "?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-16384)"
	} else {
		dsn = "file:" + *out + "?_journal_mode=OFF&_synchronous=OFF&_cache_size=-16384"
	}
	db, err := sql.Open(*drv, dsn)
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	must := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	if p := os.Getenv("PROF"); p != "" {
		f, _ := os.Create(p)
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	c0, t0 := cpu(), time.Now()
	phase := func(name string) {
		fmt.Printf("%-8s %-10s wall %6.2fs cpu %6.2fs\n", *drv, name, time.Since(t0).Seconds(), (cpu() - c0).Seconds())
		c0, t0 = cpu(), time.Now()
	}
	tx, err := db.Begin()
	must(err)
	_, err = tx.Exec(ddl)
	must(err)
	_, err = tx.Exec(`CREATE VIRTUAL TABLE claim_at USING rtree_i32(id, k0, k1, lo, hi)`)
	must(err)
	insert := func(table string, ncol int, data [][]any) {
		const batch = 64
		one := "(" + strings.TrimSuffix(strings.Repeat("?,", ncol), ",") + ")"
		full, err := tx.Prepare("INSERT INTO " + table + " VALUES " + strings.TrimSuffix(strings.Repeat(one+",", batch), ","))
		must(err)
		args := make([]any, 0, batch*ncol)
		for i := 0; i+batch <= len(data); i += batch {
			args = args[:0]
			for _, r := range data[i : i+batch] {
				args = append(args, r...)
			}
			_, err := full.Exec(args...)
			must(err)
		}
		for _, r := range data[len(data)/batch*batch:] {
			_, err := tx.Exec("INSERT INTO "+table+" VALUES "+one, r...)
			must(err)
		}
	}
	insert("claim", len(cols), data)
	phase("rows")
	if os.Getenv("PROF") != "" {
		pprof.StopCPUProfile()
	}
	for _, s := range idx {
		_, err := tx.Exec(s)
		must(err)
	}
	phase("indexes")
	insert("claim_at", 5, at)
	phase("rtree")
	must(tx.Commit())
	_, err = db.Exec(`PRAGMA analysis_limit=1000; ANALYZE`)
	must(err)
	phase("analyze")
	fmt.Printf("%-8s %d claims, %d interval rows\n", *drv, len(data), len(at))
}
