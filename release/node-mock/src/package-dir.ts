import { fileURLToPath } from "node:url";

/** This package's folder (dist/esm/package-dir.js is two levels below it). */
export function packageDir(): string {
  // @ts-ignore -- import.meta exists in the ES module build; scripts/finish-cjs.mjs rewrites this file for CommonJS
  return fileURLToPath(new URL("../..", import.meta.url));
}
