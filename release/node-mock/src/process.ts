import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** A started process whose first line of output was its base URL; its later output goes to `log`. */
export interface StartedProcess {
  child: ChildProcess;
  firstLine: string;
  /** Resolves with the exit code (or 128 + signal) when the process ends. */
  exited: Promise<number>;
  /** The last lines it wrote, for error messages. */
  recent(): string;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

// Mocks still running when this process exits (a test run that never called stop()) get SIGTERM: none is
// left behind, and none keeps the run from ending (a ready mock's process is unref'd until stop()).
const running = new Set<ChildProcess>();
let exitHook = false;
function stopAllOnExit(child: ChildProcess): void {
  running.add(child);
  child.once("close", () => running.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => running.forEach((c) => c.kill("SIGTERM")));
  }
}

/** Lets the event loop end while `child` runs (ref: false), or keeps it alive until `child` ends. */
export function holdLoop(child: ChildProcess, ref: boolean): void {
  for (const handle of [child, child.stdout, child.stderr] as Array<{ ref?: () => void; unref?: () => void } | null>) {
    if (ref) handle?.ref?.();
    else handle?.unref?.();
  }
}

/**
 * Starts `command args` and resolves once it prints its first line on stdout (the mock prints its base
 * URL first, once it listens): an event, not a poll. Rejects, naming the command and its last output,
 * when it exits or `timeoutMs` passes first. Both streams are read to the end, so the process never
 * blocks on a full pipe.
 */
export function startProcess(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number; log?: (line: string) => void },
): Promise<StartedProcess> {
  const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    options.log?.(line);
  };
  const recent = () => (tail.length ? tail.join("\n") : "(no output)");
  const exited = new Promise<number>((resolve) => {
    child.once("close", (code, signal) => resolve(code ?? 128 + (SIGNALS[signal ?? ""] ?? 0)));
  });
  const described = [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ");

  return new Promise<StartedProcess>((resolve, reject) => {
    let first: string | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`remote-cache-mock did not print its base URL within ${options.timeoutMs} ms: ${described}\n${recent()}`));
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    createInterface({ input: child.stderr! }).on("line", remember);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (first !== undefined) return remember(line);
      first = line;
      clearTimeout(timer);
      stopAllOnExit(child);
      holdLoop(child, false);
      resolve({ child, firstLine: line, exited, recent });
    });
    void exited.then((code) => {
      if (first !== undefined) return;
      clearTimeout(timer);
      reject(new Error(`remote-cache-mock exited with code ${code} before it was ready: ${described}\n${recent()}`));
    });
  });
}
