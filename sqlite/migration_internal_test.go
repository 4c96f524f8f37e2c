package sqlite

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestMigrationNames keeps the migration files' names in the form the
// migrations table records (NNNN_words.sql) and stops a new file from
// reusing a number. Two numbers are used twice from before this rule;
// their files are recorded under their full names, so both of a pair run,
// and renaming them would make every existing file run them again.
func TestMigrationNames(t *testing.T) {
	names, err := fs.Glob(migrations, "migration/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no migrations embedded")
	}
	form := regexp.MustCompile(`^migration/(\d{4})_[a-z0-9_]+\.sql$`)
	shared := map[string]bool{"0004": true, "0005": true}
	seen := map[string]string{}
	for _, name := range names {
		m := form.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%s: name is not NNNN_words.sql", name)
			continue
		}
		if prev, ok := seen[m[1]]; ok && !shared[m[1]] {
			t.Errorf("%s: number %s is already used by %s; take the next free number", name, m[1], prev)
		}
		seen[m[1]] = name
	}
}
