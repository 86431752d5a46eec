// What dockerd holds for a pod, read back from labels and inspect: the sandboxes and every instance
// (attempt) of every container. The runtime keeps no memory of its own, so a new agent adopts all this.
import type Dockerode from "dockerode";
import type { ContainerInspectInfo } from "dockerode";
import { LABELS, type ObservedTerminated, type ParsedLabels, parseContainerLabels } from "../pod/index.js";
import { isNotFound } from "./errors.js";

export interface InstanceState {
  running: boolean;
  /** Docker's status: created, running, exited, dead… */
  status: string;
  exitCode: number;
  oomKilled: boolean;
  /** Set when docker could not start the process (executable missing…). */
  error: string;
  startedAt?: Date;
  finishedAt?: Date;
  pid: number;
}

interface InstanceBase {
  id: string;
  /** Docker's name without the leading '/'. */
  dockerName: string;
  created: Date;
  imageId: string;
  state: InstanceState;
}

export interface SandboxInstance extends InstanceBase {
  kind: "sandbox";
  /** The `_<n>` suffix of the name. */
  attempt: number;
}

export interface ContainerInstance extends InstanceBase {
  kind: "container";
  name: string;
  restartCount: number;
  hash: string;
  init: boolean;
  sandboxId: string;
}

export interface PodContainers {
  /** Newest first. */
  sandboxes: SandboxInstance[];
  /** By container name, newest attempt first. */
  containers: Map<string, ContainerInstance[]>;
}

/** Docker's zero time ("0001-01-01T00:00:00Z") means "never". */
function dockerTime(text: string | undefined): Date | undefined {
  if (!text || text.startsWith("0001-")) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function stateOf(info: ContainerInspectInfo): InstanceState {
  const s = info.State;
  const state: InstanceState = {
    running: s.Running === true,
    status: s.Status,
    exitCode: s.ExitCode,
    oomKilled: s.OOMKilled === true,
    error: s.Error ?? "",
    pid: s.Pid,
  };
  const startedAt = dockerTime(s.StartedAt);
  const finishedAt = dockerTime(s.FinishedAt);
  if (startedAt) state.startedAt = startedAt;
  if (finishedAt) state.finishedAt = finishedAt;
  return state;
}

export function toInstance(
  info: ContainerInspectInfo,
  labels: ParsedLabels,
): SandboxInstance | ContainerInstance {
  const dockerName = info.Name.replace(/^\//, "");
  const base = {
    id: info.Id,
    dockerName,
    created: new Date(info.Created),
    imageId: info.Image,
    state: stateOf(info),
  };
  if (labels.kind === "sandbox") {
    const attempt = Number(/_(\d+)$/.exec(dockerName)?.[1] ?? "0");
    return { ...base, kind: "sandbox", attempt };
  }
  return {
    ...base,
    kind: "container",
    name: labels.containerName,
    restartCount: labels.restartCount,
    hash: labels.hash,
    init: labels.init,
    sandboxId: labels.sandboxId,
  };
}

/** Inspects every container labelled with the pod's uid (a container removed meanwhile is skipped). */
export async function podContainers(docker: Dockerode, uid: string): Promise<PodContainers> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`, `${LABELS.podUid}=${uid}`] },
  });
  const sandboxes: SandboxInstance[] = [];
  const containers = new Map<string, ContainerInstance[]>();
  const infos = await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .inspect()
        .catch((err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        }),
    ),
  );
  for (const info of infos) {
    if (info === undefined) continue;
    const labels = parseContainerLabels(info.Config.Labels);
    if (labels === undefined || labels.pod.uid !== uid) continue;
    const instance = toInstance(info, labels);
    if (instance.kind === "sandbox") sandboxes.push(instance);
    else {
      const all = containers.get(instance.name) ?? [];
      all.push(instance);
      containers.set(instance.name, all);
    }
  }
  sandboxes.sort((a, b) => b.attempt - a.attempt || b.created.getTime() - a.created.getTime());
  for (const all of containers.values())
    all.sort((a, b) => b.restartCount - a.restartCount || b.created.getTime() - a.created.getTime());
  return { sandboxes, containers };
}

/** Docker left the container "created" with an error: its process never ran. */
export const failedToStart = (i: InstanceBase): boolean =>
  !i.state.running && i.state.startedAt === undefined && i.state.error !== "";

/** The end of an instance that is not running, as Kubernetes reports it. */
export function terminatedOf(i: InstanceBase): ObservedTerminated {
  if (failedToStart(i)) {
    // Like a CRI runtime: the start failure is the message, exit code 128, reason StartError.
    return {
      exitCode: 128,
      reason: "StartError",
      message: i.state.error,
      finishedAt: i.state.finishedAt ?? i.created,
      containerID: i.id,
    };
  }
  const t: ObservedTerminated = {
    exitCode: i.state.exitCode,
    oomKilled: i.state.oomKilled,
    finishedAt: i.state.finishedAt ?? i.created,
    containerID: i.id,
  };
  if (i.state.startedAt) t.startedAt = i.state.startedAt;
  return t;
}
