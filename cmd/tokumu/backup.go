package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/sqlite"
)

var cmdBackup = &command{
	name: "backup",
	args: "FILE",
	summary: `Write a consistent copy of an SQLite database to a new FILE.

The copy holds everything: the corpus, the history of edits, accounts,
tokens and releases, the edits still in the write-ahead log included (a
'cp' of a served file misses them). It may run while 'tokumu serve'
writes. To restore: stop the server, put the copy in place of the file,
delete FILE-wal and FILE-shm beside it if they are there, and start the
server again. A PostgreSQL database is backed up with pg_dump -Fc and
restored with pg_restore into a new database (README, "Backup and
restore").`,
	flags: func(fs *flag.FlagSet, m *Main) {},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			return usagef("tokumu backup --db team.db team-2027-01-05.db", "backup needs the name of the new file")
		}
		if kind, _ := parseDB(m.DB); kind == dbPostgres {
			return tokumu.Errorf(tokumu.EINVALID, "a PostgreSQL database is backed up with its own tool: pg_dump -Fc -f %s \"$TOKUMU_DB\" (restore with pg_restore -d NEWDB %s into a new, empty database)", args[0], args[0])
		}
		path, err := m.dbPath()
		if err != nil {
			return err
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return usagef("tokumu backup --db team.db copy.db", "database %s does not exist", path)
		}
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.BackupTo(ctx, args[0]); err != nil {
			return err
		}
		st, err := os.Stat(args[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "backed up %s to %s (%d bytes)\n", path, args[0], st.Size())
		return nil
	},
}
