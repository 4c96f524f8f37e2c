// Validates reconciliation documents against the Reconciliation Service
// API 0.2 schemas (../reconcile-schema):
//   node reconcile-check.mjs SCHEMA FILE…
// SCHEMA is manifest, reconciliation-query-batch,
// reconciliation-result-batch or suggest-entities-response. Prints the
// number of valid files; exits 1 with ajv's errors on the first invalid one.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "reconcile-schema");
const load = (name) => {
  const s = JSON.parse(fs.readFileSync(path.join(dir, name + ".json"), "utf8"));
  // "http://json-schema.org/schema#" names no draft ajv knows; the
  // schemas are written in draft 7, ajv's default.
  delete s["$schema"];
  return s;
};
const ajv = new Ajv({ strict: false, allErrors: true });
// The manifest's optional "authentication" refers to Swagger 2.0's
// security definitions, which tokumu does not use: a stand-in object.
ajv.addSchema({ $id: "http://swagger.io/v2/schema.json", definitions: { securityDefinitions: { additionalProperties: { type: "object" } } } });
ajv.addSchema(load("type"));
const [name, ...files] = process.argv.slice(2);
const validate = ajv.compile(load(name));
for (const f of files) {
  const doc = JSON.parse(fs.readFileSync(f, "utf8"));
  if (!validate(doc)) {
    console.error(f, JSON.stringify(validate.errors, null, 1));
    process.exit(1);
  }
}
console.log(files.length);
