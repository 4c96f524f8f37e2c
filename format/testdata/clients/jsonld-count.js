// Expands a JSON-LD document with the jsonld library, converts it to RDF
// and prints the number of distinct triples, for comparison with what
// rapper counts in the Turtle export of the same data.
const fs = require("fs");
const jsonld = require("jsonld");
(async () => {
  const doc = JSON.parse(fs.readFileSync(process.argv[2]));
  const expanded = await jsonld.expand(doc, { safe: true });
  const nq = await jsonld.toRDF(expanded, { format: "application/n-quads" });
  const lines = new Set(nq.split("\n").filter((l) => l !== ""));
  console.log(lines.size);
})().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
