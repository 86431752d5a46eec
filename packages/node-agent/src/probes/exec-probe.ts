// exec probes: the command runs in the container through the runtime's execSync; exit 0 is success.
import type { ExecProbeFn, ProbeOutcome } from "./probe-types.js";

/** Kubelet's text for a command that outlived timeoutSeconds (Go's %q of the joined command). */
export function execTimeoutMessage(command: readonly string[]): string {
  return `command ${JSON.stringify(command.join(" "))} timed out`;
}

export async function execProbe(
  exec: ExecProbeFn,
  containerId: string,
  command: string[],
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const { exitCode, output } = await exec(containerId, command, timeoutMs);
  if (exitCode === -1) return { result: "failure", output: execTimeoutMessage(command) };
  return { result: exitCode === 0 ? "success" : "failure", output };
}
