// Validates every feature of a Linked Places Format export against the
// World Historical Gazetteer's JSON schema (schema/lpf-v1.2.2.json) with
// ajv. Prints the number of valid features; exits 1 on the first invalid
// one, with ajv's errors.
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "schema", "lpf-v1.2.2.json")));
// The schema's nested "$id"s are labels (several repeat); ajv would read
// them as base URIs and refuse the schema as ambiguous, so they go.
(function strip(node, root) {
  if (node && typeof node === "object") {
    if (!root) delete node["$id"];
    for (const k of Object.keys(node)) strip(node[k], false);
  }
})(schema, true);
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(schema);
const doc = JSON.parse(fs.readFileSync(process.argv[2]));
if (doc.type !== "FeatureCollection" || !Array.isArray(doc.features)) {
  console.error("not a FeatureCollection");
  process.exit(1);
}
for (const f of doc.features) {
  if (!validate(f)) {
    console.error(f["@id"], JSON.stringify(validate.errors, null, 1));
    process.exit(1);
  }
}
console.log(doc.features.length);
