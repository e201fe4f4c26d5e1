// Generates the TypeScript types of the admin API's spec into src/generated/ (never committed):
//   admin-api.ts  from openapi/remote-cache-admin.yaml, the mock's admin API (it stands alone: the schemas it
//                 shares with the Remote Cache API, event sources and types, statuses, are copies held equal)
//   version.ts    this package's version, which names the jar and the image it starts
// The specs are found in the first folder upward from here that has openapi/ (the kit's root, also from a
// copy of this package staged under release/node-mock/target/), or in REMOTE_CACHE_SPEC_DIR.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

function specDir() {
  if (process.env.REMOTE_CACHE_SPEC_DIR) return resolve(process.env.REMOTE_CACHE_SPEC_DIR);
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "openapi", "remote-cache-admin.yaml"))) return join(dir, "openapi");
    if (dirname(dir) === dir) break;
  }
  throw new Error(`no openapi/remote-cache-admin.yaml above ${root}; set REMOTE_CACHE_SPEC_DIR to the kit's openapi folder`);
}

const specs = specDir();
const out = join(root, "src", "generated");
mkdirSync(out, { recursive: true });
const banner = (spec) => `// Generated from ${spec} by scripts/generate.mjs: do not edit, not committed.\n`;

for (const [spec, file] of [
  ["remote-cache-admin.yaml", "admin-api.ts"],
]) {
  const ast = await openapiTS(pathToFileURL(join(specs, spec)), { exportType: true, enumValues: true });
  writeFileSync(join(out, file), banner(spec) + astToString(ast));
}
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// The Maven build passes the kit's version: the package, the jar and the image it starts share it.
const kit = process.env.REMOTE_CACHE_VERSION;
if (kit && kit !== version) {
  throw new Error(`release/node-mock/package.json has version ${version}, the kit ${kit}: run (cd release/node-mock && npm version --no-git-tag-version ${kit})`);
}
writeFileSync(join(out, "version.ts"), `${banner("package.json")}export const VERSION = ${JSON.stringify(version)};\n`);
console.log(`[remote-cache-mock] types generated from ${specs} into src/generated/`);
