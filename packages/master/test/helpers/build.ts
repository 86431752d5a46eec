import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Integration tests spawn `node bin/tskube.js`, which runs the built dist/: build it first (incremental,
 * so this costs a few seconds when nothing changed).
 */
export function ensureBuilt(): void {
  execFileSync("npx", ["tsc", "-b", "--builders", "1", "packages/cli"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
