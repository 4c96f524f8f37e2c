package format

import (
	"bufio"
	"encoding/json"
	"io"
)

// jsonStream writes a JSON object whose last member is an array, one
// element at a time, so that an export of the whole corpus never holds its
// features or events in memory together. The head is the object up to and
// including the array's '['; each element goes on its own line, which keeps
// a large file readable with line tools.
type jsonStream struct {
	bw *bufio.Writer
	n  int
}

func newJSONStream(w io.Writer, head string) *jsonStream {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(head)
	return &jsonStream{bw: bw}
}

// add writes v as the array's next element.
func (s *jsonStream) add(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if s.n > 0 {
		s.bw.WriteByte(',')
	}
	s.n++
	s.bw.WriteByte('\n')
	s.bw.Write(b)
	return nil
}

// close ends the array and the object and flushes what is buffered; the
// flush's error is the first write error, if any.
func (s *jsonStream) close() error {
	s.bw.WriteString("\n]}\n")
	return s.bw.Flush()
}
