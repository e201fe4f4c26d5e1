// The CommonJS build: dist/cjs/ is marked CommonJS (the package itself is "type": "module"), and the one
// file that reads import.meta gets its CommonJS form.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const cjs = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cjs");
writeFileSync(join(cjs, "package.json"), '{ "type": "commonjs" }\n');
writeFileSync(
  join(cjs, "package-dir.js"),
  '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n' +
    'exports.packageDir = packageDir;\n/** This package\'s folder (dist/cjs/package-dir.js is two levels below it). */\n' +
    'function packageDir() { return require("node:path").resolve(__dirname, "..", ".."); }\n',
);
