import { execFile } from "node:child_process";
import { join } from "node:path";

/** A `java` this package can start the jar with: the jar's launcher needs Java 17+ (it finds a JDK 21+ itself). */
export interface FoundJava {
  path: string;
  feature: number;
}

export const REQUIRED_JAVA = 17;

/**
 * The first `java` of: the `java` option, `$JAVA_HOME/bin/java`, `java` on the PATH, that is Java 17 or
 * newer. `looked` says what was tried, for the error when none fits.
 */
export async function findJava(option: string | undefined, env: NodeJS.ProcessEnv): Promise<{ java?: FoundJava; looked: string[] }> {
  const candidates: string[] = [];
  if (option) candidates.push(option);
  else {
    if (env.JAVA_HOME) candidates.push(join(env.JAVA_HOME, "bin", process.platform === "win32" ? "java.exe" : "java"));
    candidates.push("java");
  }
  const looked: string[] = [];
  for (const candidate of candidates) {
    const feature = await featureOf(candidate, env);
    looked.push(feature === undefined ? `${candidate} (not runnable)` : `${candidate} (Java ${feature})`);
    if (feature !== undefined && feature >= REQUIRED_JAVA) return { java: { path: candidate, feature }, looked };
    if (option) break; // a java given by name is the only one tried
  }
  return { looked };
}

/** The feature version `java -version` reports (17 for "17.0.15", 8 for "1.8.0_402"), or undefined. */
function featureOf(java: string, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(java, ["-version"], { env, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error) return resolve(undefined);
      const match = /version "(\d+)(?:\.(\d+))?/.exec(String(stderr));
      if (!match) return resolve(undefined);
      const first = Number(match[1]);
      resolve(first === 1 && match[2] ? Number(match[2]) : first);
    });
  });
}
