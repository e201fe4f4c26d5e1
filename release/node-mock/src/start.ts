import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { connect, type RemoteCacheMockClient } from "./connect.js";
import { VERSION } from "./generated/version.js";
import { findJava } from "./java.js";
import { locate } from "./locate.js";
import { mockFlags, type MockOptions } from "./options.js";
import { holdLoop, startProcess, type StartedProcess } from "./process.js";

const run = promisify(execFile);

/** The image's port (the mock's default). */
const IMAGE_PORT = 7878;

/** A started mock: its base URL, the typed admin client, the assertions, and how to stop it. */
export interface RemoteCacheMock extends RemoteCacheMockClient {
  /** How it runs: the standalone jar, or the image in a container engine. */
  readonly runtime: "jar" | "container";
  /** What runs it: the jar's path, or the engine and image. */
  readonly source: string;
  /** Stops it (SIGTERM: requests being served finish, `--report-on-exit` reports are written); resolves with its exit code. */
  stop(): Promise<number>;
}

/**
 * Starts the mock on a free port and resolves once it listens (it prints its base URL first). It runs the
 * standalone jar when a Java 17+ is found (the jar's launcher runs the server on a JDK 21+ it finds), else
 * the image through podman or docker, loading the image's tarball when the engine lacks the image.
 */
export async function startMock(options: MockOptions = {}): Promise<RemoteCacheMock> {
  const env = options.env ?? process.env;
  const runtime = options.runtime ?? "auto";
  const jarName = `remote-cache-mock-${VERSION}.jar`;
  if (runtime !== "container") {
    const { java, looked } = await findJava(options.java, env);
    const jar = locate(jarName, options.jar, "REMOTE_CACHE_MOCK_JAR", env);
    if (java && jar.path) return startJar(java.path, jar.path, options, env);
    if (runtime === "jar") {
      throw new Error(
        java
          ? `no ${jarName}: give the jar option or set REMOTE_CACHE_MOCK_JAR (looked at ${jar.looked.join(", ")})`
          : `no Java 17+ to run the jar (looked at ${looked.join(", ")}): install a JDK 17+ (the server needs a JDK 21+ installed), set JAVA_HOME, or use runtime: "container"`,
      );
    }
  }
  return startContainer(options, env);
}

async function startJar(java: string, jar: string, options: MockOptions, env: NodeJS.ProcessEnv): Promise<RemoteCacheMock> {
  const args = ["-jar", jar, "--host", options.host ?? "127.0.0.1", "--port", String(options.port ?? 0), ...mockFlags(options)];
  const started = await startProcess(java, args, { env, timeoutMs: options.startTimeoutMs ?? 60_000, log: options.log });
  const baseUrl = readBaseUrl(started);
  return {
    ...connect(baseUrl, { adminToken: options.adminToken, keepStoredArtifacts: options.storage !== undefined }),
    runtime: "jar",
    source: jar,
    stop: () => stopProcess(started, () => started.child.kill("SIGTERM")),
  };
}

async function startContainer(options: MockOptions, env: NodeJS.ProcessEnv): Promise<RemoteCacheMock> {
  const engine = await findEngine(options.engine, env);
  const image = options.image ?? `remote-cache-mock:${VERSION}`;
  await ensureImage(engine, image, options, env);
  const name = `remote-cache-mock-${randomBytes(6).toString("hex")}`;
  const adminToken = options.adminToken ?? randomBytes(16).toString("hex");
  const publish = `${options.host ?? "127.0.0.1"}:${options.port ?? ""}:${IMAGE_PORT}`;
  const volume = options.storage === undefined ? [] : ["-v", `${resolve(options.storage)}:/data`];
  const args = ["run", "--rm", "--name", name, "-p", publish, ...volume, image, ...mockFlags({ ...options, adminToken }, "/data")];
  const started = await startProcess(engine, args, { env, timeoutMs: options.startTimeoutMs ?? 120_000, log: options.log });
  const remove = () => run(engine, ["rm", "-f", name], { env }).catch(() => undefined);
  try {
    readBaseUrl(started); // the address inside the container; outside it is the published port
    const { stdout } = await run(engine, ["port", name, `${IMAGE_PORT}/tcp`], { env });
    const published = stdout.trim().split("\n")[0].replace(/^0\.0\.0\.0:/, "127.0.0.1:");
    const baseUrl = `http://${published}`;
    return {
      ...connect(baseUrl, { adminToken, keepStoredArtifacts: options.storage !== undefined }),
      runtime: "container",
      source: `${engine} ${image}`,
      stop: () => stopProcess(started, () => void run(engine, ["stop", "-t", "20", name], { env }).catch(remove)),
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function readBaseUrl(started: StartedProcess): string {
  const line = started.firstLine.trim();
  if (!/^https?:\/\//.test(line)) {
    started.child.kill("SIGKILL");
    throw new Error(`remote-cache-mock's first line is not its base URL: ${line}\n${started.recent()}`);
  }
  return line.replace(/\/+$/, "");
}

async function stopProcess(started: StartedProcess, signal: () => void): Promise<number> {
  holdLoop(started.child, true); // until it has ended
  if (started.child.exitCode === null && started.child.signalCode === null) {
    signal();
    const killer = setTimeout(() => started.child.kill("SIGKILL"), 30_000);
    killer.unref();
    try {
      return await started.exited;
    } finally {
      clearTimeout(killer);
    }
  }
  return started.exited;
}

/** The engine given, `$REMOTE_CACHE_MOCK_ENGINE`, or the first of podman and docker that runs. */
async function findEngine(given: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const candidates = given ? [given] : env.REMOTE_CACHE_MOCK_ENGINE ? [env.REMOTE_CACHE_MOCK_ENGINE] : ["podman", "docker"];
  for (const engine of candidates) {
    try {
      await run(engine, ["--version"], { env, timeout: 30_000 });
      return engine;
    } catch {
      // next one
    }
  }
  throw new Error(
    `neither a Java 17+ (for the jar) nor a container engine was found (tried ${candidates.join(", ")}): install a JDK 17+ or podman/docker`,
  );
}

/** Loads the image from its tarball unless the engine has it already. */
async function ensureImage(engine: string, image: string, options: MockOptions, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(engine, ["image", "inspect", image], { env });
    return;
  } catch {
    // not there yet
  }
  const tarName = `remote-cache-mock-image-${VERSION}.tar`;
  let tar = locate(tarName, options.imageTar, "REMOTE_CACHE_MOCK_IMAGE_TAR", env);
  if (!tar.path && !options.imageTar) {
    const jar = locate(`remote-cache-mock-${VERSION}.jar`, options.jar, "REMOTE_CACHE_MOCK_JAR", env);
    if (jar.path) tar = locate(tarName, join(dirname(jar.path), tarName), "REMOTE_CACHE_MOCK_IMAGE_TAR", env);
  }
  if (!tar.path) {
    throw new Error(`${engine} has no image ${image}, and no ${tarName} to load it from (looked at ${tar.looked.join(", ")}): give imageTar or set REMOTE_CACHE_MOCK_IMAGE_TAR`);
  }
  await run(engine, ["load", "-i", tar.path], { env, maxBuffer: 16 * 1024 * 1024 });
}
