// Our plugin lives inside the one `tskube` binary, but runtimes find plugins as executables named by the
// netconf's `type`. A two-line shim named `tskube` in a plugin directory makes `type: "tskube"` resolve
// like any reference plugin.
import { chmod, mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** bin/tskube.js of this checkout (runtime/ → src|dist → node-agent → packages → repo). */
export function tskubeBin(): string {
  return fileURLToPath(new URL("../../../../bin/tskube.js", import.meta.url));
}

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** Writes the executable `<dir>/tskube` running `tskube cni` with this Node; returns its path. */
export async function installCniShim(dir: string, bin = tskubeBin()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "tskube");
  const script = `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(bin)} cni "$@"\n`;
  // Written aside and renamed, so a plugin call never runs a half-written file.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, script);
  await chmod(tmp, 0o755);
  await rename(tmp, file);
  return file;
}
