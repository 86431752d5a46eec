import { execFile } from "node:child_process";
import { LabError } from "./errors.js";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without a shell (arguments are never re-parsed) and reports its exit code. */
export function run(file: string, args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        const missing = error.code === "ENOENT";
        reject(
          new LabError(missing ? "MissingTool" : "CommandFailed", `${file}: ${error.message}`, {
            cause: error,
          }),
        );
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Like run, but a non-zero exit is an error carrying the command and its stderr. */
export async function runOk(file: string, args: readonly string[], timeoutMs?: number): Promise<string> {
  const result = await run(file, args, timeoutMs);
  if (result.code !== 0) {
    throw new LabError(
      "CommandFailed",
      `${file} ${args.join(" ")} exited ${result.code}: ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}
