package yamlcorpus

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Error is one problem in the corpus, at a position in a file.
type Error struct {
	File string // slash-separated path relative to the corpus root
	Line int    // 1-based; 0 when the problem concerns the whole file
	Col  int    // 1-based, in characters
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// ErrorList is every problem found in one load, as go/scanner reports them:
// sortable by position, printable one per line.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(file string, line, col int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	return a.Msg < b.Msg
}

// Sort orders the list by file, line and column.
func (l ErrorList) Sort() { sort.Sort(l) }

// Err returns the list as an error, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Print writes every error, one per line.
func (l ErrorList) Print(w io.Writer) {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}
