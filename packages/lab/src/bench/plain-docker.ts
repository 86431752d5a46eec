import { type DockerResponse, dockerRequest } from "../docker-api.js";

// The physical limit of the burst: the same containers a pod gets (a pause container that owns the network,
// the app container joined to it), created and started straight through each worker's dockerd API, all
// pods in parallel, no CNI, no API server and no agent.

/** One Docker Engine API call with a JSON body; generous timeout: on a loaded 2-core machine one start can
 * wait a minute behind the others. */
function dockerJson(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<DockerResponse> {
  return dockerRequest(
    socketPath,
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    300_000,
  );
}

async function createAndStart(socketPath: string, name: string, config: unknown): Promise<string> {
  const created = await dockerJson(
    socketPath,
    "POST",
    `/containers/create?name=${encodeURIComponent(name)}`,
    config,
  );
  if (created.status !== 201) throw new Error(`docker create ${name}: ${created.status} ${created.body}`);
  const id = (JSON.parse(created.body) as { Id: string }).Id;
  const started = await dockerJson(socketPath, "POST", `/containers/${id}/start`);
  if (started.status !== 204 && started.status !== 304) {
    throw new Error(`docker start ${name}: ${started.status} ${started.body}`);
  }
  return id;
}

export interface PlainPodTarget {
  readonly socketPath: string;
  readonly name: string;
}

export interface PlainBurst {
  /** Send of the first create → the last start answered. */
  readonly ms: number;
  /** Every container made, by dockerd socket, for the cleanup (also after a failure). */
  readonly containers: readonly PlainContainer[];
}

export interface PlainContainer {
  readonly socketPath: string;
  readonly id: string;
  readonly role: "pause" | "app";
}

/** One "pod" straight through dockerd: pause (`--network none`), then the app joined to its network. */
async function plainPod(
  { socketPath, name }: PlainPodTarget,
  pauseImage: string,
  appImage: string,
  containers: PlainContainer[],
): Promise<void> {
  const pause = await createAndStart(socketPath, `${name}-pause`, {
    Image: pauseImage,
    HostConfig: { NetworkMode: "none" },
  });
  containers.push({ socketPath, id: pause, role: "pause" });
  const app = await createAndStart(socketPath, `${name}-web`, {
    Image: appImage,
    HostConfig: { NetworkMode: `container:${pause}` },
  });
  containers.push({ socketPath, id: app, role: "app" });
}

export interface PlainPaced {
  /** Per pod: first create sent → app start answered, in start order. */
  readonly samples_ms: readonly number[];
  readonly containers: readonly PlainContainer[];
}

/** The "pods" one every `intervalMs`, as phase (a) creates pods: the physical limit of its latency. */
export async function plainDockerPaced(
  targets: readonly PlainPodTarget[],
  intervalMs: number,
  pauseImage: string,
  appImage: string,
): Promise<PlainPaced> {
  const containers: PlainContainer[] = [];
  const start = performance.now();
  const runs = targets.map(async (target, i) => {
    await new Promise((r) => setTimeout(r, Math.max(0, start + i * intervalMs - performance.now())));
    const t0 = performance.now();
    await plainPod(target, pauseImage, appImage, containers);
    return performance.now() - t0;
  });
  const results = await Promise.allSettled(runs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed !== undefined) {
    await removeContainers(containers);
    throw failed.reason;
  }
  return { samples_ms: results.map((r) => (r as PromiseFulfilledResult<number>).value), containers };
}

/** All the "pods" at once: pause (`--network none`) then the app joined to its network, each pod in parallel. */
export async function plainDockerBurst(
  targets: readonly PlainPodTarget[],
  pauseImage: string,
  appImage: string,
  onStarted: (done: number) => void,
): Promise<PlainBurst> {
  const containers: PlainContainer[] = [];
  let done = 0;
  const t0 = performance.now();
  const results = await Promise.allSettled(
    targets.map(async (target) => {
      await plainPod(target, pauseImage, appImage, containers);
      onStarted(++done);
    }),
  );
  const ms = performance.now() - t0;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed !== undefined) {
    await removeContainers(containers);
    throw failed.reason;
  }
  return { ms, containers };
}

/** Force-removes containers (apps before their pause containers), all in parallel. */
export async function removeContainers(containers: readonly PlainContainer[]): Promise<void> {
  const remove = ({ socketPath, id }: PlainContainer) =>
    dockerJson(socketPath, "DELETE", `/containers/${id}?force=true&v=true`).then((r) => {
      if (r.status !== 204 && r.status !== 404) throw new Error(`docker rm ${id}: ${r.status} ${r.body}`);
    });
  // Apps first: a network owner is not removed while a container joined to it still runs.
  await Promise.all(containers.filter((c) => c.role === "app").map(remove));
  await Promise.all(containers.filter((c) => c.role === "pause").map(remove));
}
