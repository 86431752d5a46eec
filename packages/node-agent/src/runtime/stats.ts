// One-shot docker stats of every running app container, grouped by pod: what /stats/summary reports.
// The working set is kubelet's: usage minus inactive file pages (cgroup v2 inactive_file, v1 total_inactive_file).
import type Dockerode from "dockerode";
import { LABELS, parseContainerLabels } from "../pod/index.js";
import { isNotFound } from "./errors.js";
import type { ContainerStats, PodStats } from "./runtime-types.js";

interface MemoryStats {
  usage?: number;
  stats?: Record<string, number>;
}

export function workingSet(memory: MemoryStats | undefined): number {
  const usage = memory?.usage ?? 0;
  const inactive = memory?.stats?.inactive_file ?? memory?.stats?.total_inactive_file ?? 0;
  return Math.max(0, usage - inactive);
}

export async function collectStats(docker: Dockerode): Promise<PodStats[]> {
  const list = await docker.listContainers({
    filters: { label: [`${LABELS.managed}=true`, `${LABELS.type}=container`], status: ["running"] },
  });
  const pods = new Map<string, PodStats>();
  await Promise.all(
    list.map(async (c) => {
      const labels = parseContainerLabels(c.Labels);
      if (labels?.kind !== "container") return;
      const container = docker.getContainer(c.Id);
      try {
        const [info, stats] = await Promise.all([
          container.inspect(),
          container.stats({ stream: false, "one-shot": true }),
        ]);
        const memory = stats.memory_stats as MemoryStats | undefined;
        const entry: ContainerStats = {
          name: labels.containerName,
          startTime: new Date(info.State.StartedAt),
          usageCoreNanoSeconds: BigInt(stats.cpu_stats?.cpu_usage?.total_usage ?? 0),
          workingSetBytes: workingSet(memory),
          usageBytes: memory?.usage ?? 0,
        };
        const pod = pods.get(labels.pod.uid) ?? { ...labels.pod, containers: [] };
        pod.containers.push(entry);
        pods.set(labels.pod.uid, pod);
      } catch (err) {
        // Gone between the listing and the stats call.
        if (!isNotFound(err)) throw err;
      }
    }),
  );
  for (const pod of pods.values())
    pod.containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...pods.values()];
}
