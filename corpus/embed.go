// Package corpus embeds tokumu's default corpus — Japanese military
// intelligence against the USSR, 1922–1945 — so that the binary works with
// no set-up. The YAML files beside this one are the corpus; CORPUS.md at
// the repository root says how to write them.
package corpus

import "embed"

// FS holds vocabulary/, sources/ and entities/ at its root, as
// yamlcorpus.Load expects.
//
//go:embed vocabulary sources entities settings.yaml
var FS embed.FS
