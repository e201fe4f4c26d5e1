import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { packageDir } from "./package-dir.js";

/**
 * The first existing file named `name` among: the path given, the environment variable, the folder of the
 * `.tgz` this package was installed from (the release bundle: `npm install ./remote-cache-mock-VERSION.tgz`
 * records `file:...tgz` in the project's package.json), this package's folder, the working folder and the
 * folders above it. `looked` lists the places tried, for the error when none has it.
 */
export function locate(name: string, given: string | undefined, envName: string, env: NodeJS.ProcessEnv): { path?: string; looked: string[] } {
  if (given) return existsSync(given) ? { path: resolve(given), looked: [given] } : { looked: [`${given} (given, missing)`] };
  const places: string[] = [];
  if (env[envName]) places.push(resolve(env[envName]!));
  const bundle = installedFrom();
  if (bundle) places.push(join(bundle, name));
  places.push(join(packageDir(), name));
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    places.push(join(dir, name));
    if (dirname(dir) === dir) break;
  }
  const path = places.find((place) => existsSync(place));
  return { path, looked: path ? [path] : env[envName] ? places : [`$${envName} (not set)`, ...places] };
}

/** The folder of the `.tgz` the nearest package.json (from the working folder up) installs this package from. */
function installedFrom(): string | undefined {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, "utf8"));
        const spec: unknown = json.devDependencies?.["remote-cache-mock"] ?? json.dependencies?.["remote-cache-mock"];
        if (typeof spec === "string" && spec.startsWith("file:") && spec.endsWith(".tgz")) {
          const file = spec.slice("file:".length);
          return dirname(isAbsolute(file) ? file : resolve(dir, file));
        }
      } catch {
        // not a manifest we can read: look further up
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
