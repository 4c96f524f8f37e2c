package sqlite

import (
	"errors"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// Unavailable says, for a person, why the database file could not be used
// when err is the file's fault rather than the request's or the program's
// (the disk full, the file read-only or unreadable), "" otherwise. A
// server answers such an error 503 with these words, instead of
// "internal error".
func Unavailable(err error) string {
	var e *sqlite3.Error
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code() & 0xff {
	case sqlite3lib.SQLITE_FULL:
		return "the disk that holds the database is full: nothing was saved; free some space and try again"
	case sqlite3lib.SQLITE_READONLY:
		return "the database file cannot be written (it or its directory is read-only): nothing was saved; ask whoever runs the server"
	case sqlite3lib.SQLITE_IOERR, sqlite3lib.SQLITE_CANTOPEN:
		return "the database file cannot be read or written (an input/output error): nothing was saved; ask whoever runs the server"
	}
	return ""
}
