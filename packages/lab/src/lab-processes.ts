import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { LabError } from "./errors.js";
import { cmdline, isAlive, signal, waitGone } from "./procs.js";

export interface DetachedOptions {
  /** Run inside this network namespace (nsenter --net, which execs: the pid is the program's). */
  readonly netnsPath?: string;
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts a daemon that outlives this command (own session, output to its log file); returns its pid. */
export function spawnDetached(file: string, args: readonly string[], options: DetachedOptions): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, "a");
  const argv =
    options.netnsPath === undefined
      ? { file, args: [...args] }
      : { file: "nsenter", args: [`--net=${options.netnsPath}`, "--", file, ...args] };
  const child = spawn(argv.file, argv.args, {
    detached: true,
    env: options.env ?? process.env,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new LabError("CommandFailed", `could not start ${file}`);
  child.on("error", () => undefined);
  child.unref();
  return child.pid;
}

/**
 * True when `pid` is alive and still the process the lab started: its command line names `marker` (a path
 * of the lab), so a recycled pid is never taken for one of ours.
 */
export function isOurs(pid: number | undefined, marker: string): pid is number {
  if (pid === undefined || !isAlive(pid)) return false;
  return cmdline(pid).some((arg) => arg.includes(marker));
}

/** SIGTERM, then SIGKILL after the grace period; only if the pid is still ours. */
export async function stopProcess(pid: number | undefined, marker: string, graceMs: number): Promise<void> {
  if (!isOurs(pid, marker)) return;
  signal(pid, "SIGTERM");
  const left = await waitGone([pid], graceMs);
  for (const p of left) signal(p, "SIGKILL");
  await waitGone(left, 5_000);
}

export function logTail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
