// Checks tokumu's OpenAPI document and the answers of its routes:
//   node openapi-check.mjs openapi.json answers.json
// 1. validates the document against the official OpenAPI schema of its
//    version (3.1) with @seriousme/openapi-schema-validator;
// 2. checks each answer (path, method, status, media type, body) against
//    the document: the status and media type must be documented, and a
//    JSON body must validate (ajv, JSON Schema 2020-12) against the
//    response schema.
// Prints the number of answers checked; exits 1 with the errors otherwise.
import fs from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";

const [docFile, answersFile] = process.argv.slice(2);
const validator = new Validator();
const res = await validator.validate(docFile);
if (!res.valid) {
  console.error("the document is not valid OpenAPI " + validator.version + ":");
  console.error(JSON.stringify(res.errors, null, 1));
  process.exit(1);
}
if (validator.version !== "3.1") {
  console.error("the document is OpenAPI " + validator.version + ", not 3.1");
  process.exit(1);
}
const doc = JSON.parse(fs.readFileSync(docFile, "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
// The document's schemas, under an id of their own, so that a response
// schema's "#/components/schemas/X" resolves against them.
ajv.addSchema({ $id: "urn:tokumu:openapi", components: doc.components });
const answers = JSON.parse(fs.readFileSync(answersFile, "utf8"));
let bad = 0;
for (const a of answers) {
  const op = doc.paths[a.path] && doc.paths[a.path][a.method];
  const where = `${a.method.toUpperCase()} ${a.url} (${a.path}) → ${a.status}`;
  if (!op) { console.error(`${where}: the document has no such operation`); bad++; continue; }
  const resp = op.responses[String(a.status)];
  if (!resp) { console.error(`${where}: status not documented`); bad++; continue; }
  const media = (a.contentType || "").split(";")[0].trim();
  const content = resp.content || {};
  if (!(media in content)) { console.error(`${where}: media type ${media} not documented (${Object.keys(content)})`); bad++; continue; }
  const schema = content[media].schema;
  if (!schema) continue;
  const ref = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"urn:tokumu:openapi#/components/'));
  const validate = ajv.compile(ref);
  if (!validate(a.body)) {
    console.error(`${where}: the answer does not match its schema:`);
    console.error(JSON.stringify(validate.errors.slice(0, 10), null, 1));
    bad++;
  }
}
if (bad) process.exit(1);
console.log(answers.length);
