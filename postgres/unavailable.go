package postgres

import (
	"context"
	"errors"
	"net"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable says, for a person, that the database server could not be
// reached when err is a failed or broken connection rather than the
// request's or the program's fault, "" otherwise. A server answers such
// an error 503 with these words, instead of "internal error".
func Unavailable(err error) string {
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ce), errors.As(err, &ne), pgconn.Timeout(err) && !errors.Is(err, context.Canceled):
		return "the database server does not answer: nothing was saved; try again in a moment, or ask whoever runs the server"
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" || pe.Code == "53100") {
		// admin_shutdown, crash_shutdown, cannot_connect_now, disk_full
		return "the database server cannot take requests now (" + pe.Message + "): nothing was saved; try again in a moment, or ask whoever runs the server"
	}
	return ""
}
