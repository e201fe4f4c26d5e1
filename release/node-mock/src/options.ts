import type { components } from "./generated/admin-api.js";

/** What `GET /v8/artifacts/status` answers (the spec's CachingStatus). */
export type CachingStatus = components["schemas"]["CachingStatus"];

/**
 * How to start the mock. Every mock option (`java -jar remote-cache-mock.jar --help`) has a field here;
 * `args` passes anything else as is.
 */
export interface MockOptions {
  /** `jar` (needs Java 17+), `container` (podman or docker), or `auto` (default): the jar when a Java 17+ is found. */
  runtime?: "auto" | "jar" | "container";
  /** The standalone jar; else `$REMOTE_CACHE_MOCK_JAR`, then `remote-cache-mock-VERSION.jar` in this package's folder, the working folder or one above it. */
  jar?: string;
  /** The `java` to start the jar with (17+; the jar's launcher finds a JDK 21+ for the server itself); else `$JAVA_HOME/bin/java`, then `java` on the PATH. */
  java?: string;
  /** `podman`, `docker` or a path to one; else `$REMOTE_CACHE_MOCK_ENGINE`, then podman, then docker. */
  engine?: string;
  /** The image to run; default `remote-cache-mock:VERSION`. */
  image?: string;
  /** The image's tarball, loaded when the engine lacks the image; else `$REMOTE_CACHE_MOCK_IMAGE_TAR`, then `remote-cache-mock-image-VERSION.tar` where the jar is looked for. */
  imageTar?: string;

  /** `--port`; default 0 (a free port; in a container: a free port of this machine mapped to it). */
  port?: number;
  /** `--host`; default 127.0.0.1 (the jar) or the address the port is published on (container). */
  host?: string;
  /** `--token`, repeatable: accept only these bearer tokens (default: any token). */
  token?: string | string[];
  /** `--admin-token`: required on the admin API. In a container a random one is made when none is given (the admin API answers only this machine otherwise, and a published port is not that). */
  adminToken?: string;
  /** `--storage DIR`: keep artifacts in this folder (in a container: mounted at /data). */
  storage?: string;
  /** `--max-body-size`, e.g. `"100M"`. */
  maxBodySize?: string;
  /** `--idle-timeout` in seconds. */
  idleTimeout?: number;
  /** `--journal-limit`. */
  journalLimit?: number;
  /** `--max-violations`. */
  maxViolations?: number;
  /** `--proxy URL`: validate in front of a real server. */
  proxy?: string;
  /** `--forward-invalid` (with `proxy`). */
  forwardInvalid?: boolean;
  /** `--status`: what the status route answers at start. */
  status?: CachingStatus;
  /** `--quiet`: no line per request. */
  quiet?: boolean;
  /** `--report-on-exit DIR` (jar only; a container would write them inside itself). */
  reportOnExit?: string;
  /** More arguments, passed as they are. */
  args?: string[];

  /** Give up starting after this long; default 60 000 ms (a first container start may load the image). */
  startTimeoutMs?: number;
  /** Each line the mock writes after its base URL (its request log); default: kept for error messages only. */
  log?: (line: string) => void;
  /** The environment of the started process; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The mock's command-line flags for these options (not the port and host, which depend on the runtime). */
export function mockFlags(options: MockOptions, storageInside?: string): string[] {
  const flags: string[] = [];
  const tokens = options.token === undefined ? [] : Array.isArray(options.token) ? options.token : [options.token];
  for (const token of tokens) flags.push("--token", token);
  if (options.adminToken !== undefined) flags.push("--admin-token", options.adminToken);
  if (options.storage !== undefined) flags.push("--storage", storageInside ?? options.storage);
  if (options.maxBodySize !== undefined) flags.push("--max-body-size", options.maxBodySize);
  if (options.idleTimeout !== undefined) flags.push("--idle-timeout", String(options.idleTimeout));
  if (options.journalLimit !== undefined) flags.push("--journal-limit", String(options.journalLimit));
  if (options.maxViolations !== undefined) flags.push("--max-violations", String(options.maxViolations));
  if (options.proxy !== undefined) flags.push("--proxy", options.proxy);
  if (options.forwardInvalid) flags.push("--forward-invalid");
  if (options.status !== undefined) flags.push("--status", options.status);
  if (options.quiet) flags.push("--quiet");
  if (options.reportOnExit !== undefined) flags.push("--report-on-exit", options.reportOnExit);
  return [...flags, ...(options.args ?? [])];
}
