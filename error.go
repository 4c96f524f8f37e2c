package tokumu

import (
	"errors"
	"fmt"
)

// Error codes. A *Error carries one of these so that the CLI can choose an
// exit status and the HTTP server a status code from one table each.
const (
	ECONFLICT = "conflict"
	EINTERNAL = "internal"
	EINVALID  = "invalid"
	ENOTFOUND = "not_found"
	// EUNAUTHORIZED: the request needs an account and named none, or a
	// token that is unknown, revoked or expired (HTTP 401).
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: the account's role does not allow it (HTTP 403).
	EFORBIDDEN = "forbidden"
	// EUNAVAILABLE: the database cannot be used now — its server does not
	// answer, its disk is full — through no fault of the request (HTTP 503).
	EUNAVAILABLE = "unavailable"
)

// Error is an error a user may see: a code and a message written for them.
// Everything else is an internal error, wrapped with the operation that
// failed, and shown as "internal error".
type Error struct {
	Code    string
	Message string
	// Stale marks an ECONFLICT of a change made on a revision the object
	// has since moved past (Conflict; IsStale).
	Stale bool
}

func (e *Error) Error() string { return e.Message }

// Errorf returns a *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// "internal error" for any other error.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
