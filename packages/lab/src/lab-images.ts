import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { dockerImport } from "./docker-api.js";
import { LabError } from "./errors.js";
import { runOk } from "./run.js";

export interface LabImage {
  readonly repo: string;
  readonly tag: string;
  /** Dockerfile-style instructions applied on import (CMD, ENV, …). */
  readonly changes: readonly string[];
}

export const PAUSE_IMAGE = "tskube/pause:1";
export const WEB_IMAGES = ["tskube/web:1", "tskube/web:2"] as const;
/** The port tskube/web's httpd listens on (override with env WEB_PORT). */
export const WEB_PORT = 80;

// PID 1 ignores signals it has no handler for, so both programs trap TERM themselves: a pod then stops
// at once instead of waiting out its grace period.
const PAUSE_SCRIPT = `#!/bin/sh
trap 'exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
`;

// httpd serves files, so the page is written at start: the hostname is only known then.
const WEB_SCRIPT = `#!/bin/sh
mkdir -p /www
echo "tskube web v\${WEB_VERSION} on $(hostname)" > /www/index.html
httpd -f -p "\${WEB_PORT:-${WEB_PORT}}" -h /www &
pid=$!
trap 'kill $pid; exit 0' TERM INT
wait $pid
`;

const COMMON = ["ENV PATH=/bin", "WORKDIR /"];

export const LAB_IMAGES: readonly LabImage[] = [
  { repo: "tskube/pause", tag: "1", changes: [...COMMON, 'CMD ["/bin/sh","/etc/tskube/pause.sh"]'] },
  ...[1, 2].map((version) => ({
    repo: "tskube/web",
    tag: String(version),
    changes: [...COMMON, `ENV WEB_VERSION=${version}`, 'CMD ["/bin/sh","/etc/tskube/web.sh"]'],
  })),
];

/** A minimal root filesystem: static busybox with one symlink per applet and the two start scripts. */
async function makeRootfs(root: string, busybox: string): Promise<void> {
  for (const dir of ["bin", "etc/tskube", "tmp", "www", "proc", "sys", "dev", "root"]) {
    await mkdir(join(root, dir), { recursive: true });
  }
  await chmod(join(root, "tmp"), 0o1777);
  await copyFile(busybox, join(root, "bin/busybox"));
  await chmod(join(root, "bin/busybox"), 0o755);
  const applets = (await runOk(busybox, ["--list"])).split("\n").filter((a) => /^[\w.[-]+$/.test(a));
  for (const applet of applets) {
    if (applet !== "busybox") await symlink("busybox", join(root, "bin", applet));
  }
  await writeFile(
    join(root, "etc/passwd"),
    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n",
  );
  await writeFile(join(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
  await writeFile(join(root, "etc/tskube/pause.sh"), PAUSE_SCRIPT, { mode: 0o755 });
  await writeFile(join(root, "etc/tskube/web.sh"), WEB_SCRIPT, { mode: 0o755 });
}

/** A reproducible tar of the rootfs (fixed owners and times), so every image shares one layer. */
async function tarRootfs(root: string, out: string): Promise<void> {
  const tar = spawn(
    "tar",
    ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-C", root, "-cf", "-", "."],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  tar.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    tar.on("error", reject);
    tar.on("close", resolve);
  });
  await pipeline(tar.stdout, createWriteStream(out));
  const code = await exited;
  if (code !== 0) throw new LabError("ImageBuildFailed", `tar exited ${code}: ${stderr}`);
}

/**
 * Builds tskube/pause:1, tskube/web:1 and tskube/web:2 into the daemon at `dockerSocket` without any
 * registry: a busybox-static rootfs imported as a single layer. Returns the image references.
 */
export async function buildLabImages(dockerSocket: string, busybox = "/bin/busybox"): Promise<string[]> {
  const work = await mkdtemp(join(tmpdir(), "tskube-images-"));
  try {
    const root = join(work, "rootfs");
    const tarFile = join(work, "rootfs.tar");
    await makeRootfs(root, busybox);
    await tarRootfs(root, tarFile);
    const refs: string[] = [];
    for (const image of LAB_IMAGES) {
      await dockerImport(dockerSocket, createReadStream(tarFile), image.repo, image.tag, image.changes);
      refs.push(`${image.repo}:${image.tag}`);
    }
    return refs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
