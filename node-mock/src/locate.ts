import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { packageDir } from "./package-dir.js";

/**
 * The first existing file named `name` among: the path given, the environment variable, this package's
 * folder, the working folder and the folders above it (a project next to the release bundle finds it).
 * `looked` lists the places tried, for the error when none has it.
 */
export function locate(name: string, given: string | undefined, envName: string, env: NodeJS.ProcessEnv): { path?: string; looked: string[] } {
  if (given) return existsSync(given) ? { path: resolve(given), looked: [given] } : { looked: [`${given} (given, missing)`] };
  const places: string[] = [];
  if (env[envName]) places.push(resolve(env[envName]!));
  places.push(join(packageDir(), name));
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    places.push(join(dir, name));
    if (dirname(dir) === dir) break;
  }
  const path = places.find((place) => existsSync(place));
  return { path, looked: path ? [path] : [`$${envName}`, ...places] };
}
