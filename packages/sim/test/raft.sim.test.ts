// The most important test: SIM_SEEDS seeds (default 2000) on 3 and on 5 nodes, through the CLI exactly as
// `npm run sim` runs it (built dist/, worker threads), and not a single violation.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const seeds = Number(process.env.SIM_SEEDS ?? 2000);

function runCli(nodes: number): { lastLine: string; failures: string[]; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ["packages/sim/dist/main.js", "--seeds", String(seeds), "--nodes", String(nodes)],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lines = r.stdout.trim().split("\n");
  return {
    lastLine: lines[lines.length - 1] ?? "",
    failures: lines.filter((l) => l.startsWith("FAIL ")),
    stderr: r.stderr,
  };
}

describe("deterministic Raft simulation", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", "packages/sim"], { cwd: root, stdio: "inherit" });
  }, 300_000);

  for (const nodes of [3, 5]) {
    it(`${seeds} seeds on ${nodes} nodes: no violations`, () => {
      const { lastLine, failures, stderr } = runCli(nodes);
      expect(
        failures,
        `failing seeds (replay each with the command at its end):\n${failures.join("\n")}`,
      ).toEqual([]);
      expect(lastLine, stderr).toBe(`seeds=${seeds} violations=0`);
    });
  }
});
