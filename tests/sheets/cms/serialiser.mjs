// Writes the sheets of entrees.json the way Sveltia CMS 0.221.1 saves an entry.
//
// The same library (yaml 2.9.1, the version the CMS bundles) with the options
// the CMS passes it (its front matter serializer, « formatFrontMatter » in
// dist/sveltia-cms.js, with the default output options: indent 2, indented
// sequences, no line width, plain strings, single quotes when quoting is
// needed), then « ---\n<yaml>\n---\n\n<body>\n » as the CMS writes it.
//
//   npm install --prefix /tmp/yaml-2.9.1 yaml@2.9.1
//   NODE_PATH=/tmp/yaml-2.9.1/node_modules node tests/sheets/cms/serialiser.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { stringify } = require("yaml");
const here = dirname(fileURLToPath(import.meta.url));
const entries = JSON.parse(readFileSync(join(here, "entrees.json"), "utf-8"));

for (const [name, entry] of Object.entries(entries)) {
  const { body, ...fields } = entry;
  const yaml = stringify(fields, null, {
    indent: 2,
    indentSeq: true,
    lineWidth: 0,
    defaultKeyType: "PLAIN",
    defaultStringType: "PLAIN",
    singleQuote: true,
  }).trim();
  const text = `---\n${yaml}\n---\n${body ? `\n${body}\n` : ""}`;
  const target = join(here, "fiches", name);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text, "utf-8");
}
