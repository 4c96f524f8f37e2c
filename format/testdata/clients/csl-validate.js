// Validates a CSL-JSON export against the Citation Style Language's own
// schema for input data (schema/csl-data.json) with ajv. Prints the number
// of items; exits 1 with ajv's errors if the file does not validate.
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "schema", "csl-data.json")));
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(schema);
const doc = JSON.parse(fs.readFileSync(process.argv[2]));
if (!validate(doc)) {
  console.error(JSON.stringify(validate.errors.slice(0, 10), null, 1));
  process.exit(1);
}
console.log(doc.length);
