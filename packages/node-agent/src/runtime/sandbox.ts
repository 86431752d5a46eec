// The pod sandbox: a pause container that owns the pod's network namespace, wired by the CNI plugin.
// The ADD result is recorded under the pod's directory (as CRI runtimes cache it) so that a restarted
// agent knows the pod IP of a sandbox it adopts without calling ADD twice.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Pod } from "kubernetes-types/core/v1.js";
import { pauseContainerOptions } from "../pod/index.js";
import { invokeCni, resultIp } from "./cni-invoke.js";
import { isNotFound } from "./errors.js";
import { ensureImagePresent } from "./image-puller.js";
import type { SandboxInstance } from "./pod-containers.js";
import type { DockerPodRuntimeOptions } from "./runtime-options.js";

export interface NetworkRecord {
  sandboxId: string;
  ip: string;
}

const recordFile = (podsRoot: string, uid: string): string => join(podsRoot, uid, "network.json");

export async function readNetworkRecord(podsRoot: string, uid: string): Promise<NetworkRecord | undefined> {
  try {
    const raw = JSON.parse(await readFile(recordFile(podsRoot, uid), "utf8")) as Partial<NetworkRecord>;
    if (typeof raw.sandboxId === "string" && typeof raw.ip === "string")
      return { sandboxId: raw.sandboxId, ip: raw.ip };
  } catch {
    // absent or torn: the sandbox is treated as not networked
  }
  return undefined;
}

async function writeNetworkRecord(podsRoot: string, uid: string, record: NetworkRecord): Promise<void> {
  const file = recordFile(podsRoot, uid);
  await mkdir(join(podsRoot, uid), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(record));
  await rename(`${file}.tmp`, file);
}

export function netnsPath(options: DockerPodRuntimeOptions, pid: number): string {
  return `${options.cni.netnsDir ?? "/proc"}/${pid}/ns/net`;
}

const isHostNetwork = (pod: Pod): boolean => pod.spec?.hostNetwork === true;

export interface NewSandbox {
  id: string;
  /** Empty for hostNetwork pods: they have the node's addresses. */
  ip: string;
}

/** Creates and starts a pause container and sets its network up; removes it again if that fails. */
export async function createSandbox(
  options: DockerPodRuntimeOptions,
  pod: Pod,
  attempt: number,
): Promise<NewSandbox> {
  const { docker } = options;
  await ensureImagePresent(docker, options.pauseImage);
  const container = await docker.createContainer(pauseContainerOptions(pod, options.pauseImage, attempt));
  try {
    await container.start();
    if (isHostNetwork(pod)) return { id: container.id, ip: "" };
    const info = await container.inspect();
    const result = await invokeCni(options.cni, options.podCIDR, {
      command: "ADD",
      containerId: container.id,
      netns: netnsPath(options, info.State.Pid),
    });
    const ip = resultIp(result);
    await writeNetworkRecord(options.podsRoot, pod.metadata?.uid ?? "", { sandboxId: container.id, ip });
    return { id: container.id, ip };
  } catch (err) {
    await teardownSandboxNetwork(options, container.id, undefined).catch(() => undefined);
    await container.remove({ force: true }).catch(() => undefined);
    throw err;
  }
}

/** CNI DEL: idempotent, and fine without a namespace (the plugin then only releases the address). */
export async function teardownSandboxNetwork(
  options: DockerPodRuntimeOptions,
  sandboxId: string,
  pid: number | undefined,
): Promise<void> {
  await invokeCni(options.cni, options.podCIDR, {
    command: "DEL",
    containerId: sandboxId,
    netns: pid !== undefined && pid > 0 ? netnsPath(options, pid) : "",
  });
}

/** Stops a sandbox: network first, while its namespace still exists. */
export async function stopSandbox(
  options: DockerPodRuntimeOptions,
  sandbox: SandboxInstance,
  graceSeconds: number,
): Promise<void> {
  await teardownSandboxNetwork(options, sandbox.id, sandbox.state.running ? sandbox.state.pid : undefined);
  if (!sandbox.state.running) return;
  await options.docker
    .getContainer(sandbox.id)
    .stop({ t: graceSeconds })
    .catch((err: unknown) => {
      // 304: already stopped; 404: already gone.
      if (!isNotFound(err) && (err as { statusCode?: number }).statusCode !== 304) throw err;
    });
}
