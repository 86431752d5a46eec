import {
  K3S_AGENT_RSS_MB,
  K8S_STARTUP_SLO_MS,
  PEER_SOURCES,
  PODS_TARGETS,
  type PodsBenchResult,
  type TargetCheck,
} from "./pods-figures.js";

const round1 = (x: number) => Math.round(x * 10) / 10;

type Partial = Omit<PodsBenchResult, "targets">;

export function checkTargets(r: Partial): TargetCheck[] {
  return [
    {
      what: "(a) create → Running+ready p99",
      target: `≤ ${PODS_TARGETS.latencyP99Ms} ms`,
      ours: `${r.latency.p99_ms} ms`,
      met: r.latency.p99_ms <= PODS_TARGETS.latencyP99Ms,
    },
    {
      what: "(b) burst of 90 / plain docker",
      target: `≤ ${PODS_TARGETS.burstRatio} ×`,
      ours: Number.isFinite(r.burst.ratio)
        ? `${r.burst.ratio} ×`
        : `> ${round1(r.burst.limit_ms / r.burst.docker_ms)} × (not all Running within the limit)`,
      met: r.burst.ratio <= PODS_TARGETS.burstRatio,
    },
    {
      what: "(c) agent RSS, 30 pods on its node",
      target: `≤ ${PODS_TARGETS.agentRssMb} MB`,
      ours: `${r.agent_rss.thirty_pods_mb} MB`,
      met: r.agent_rss.thirty_pods_mb <= PODS_TARGETS.agentRssMb,
    },
  ];
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const mbs = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([host, mb]) => `${host} ${mb}`)
    .join(", ");

export function formatPodsBench(r: PodsBenchResult): string {
  const l = r.latency;
  const b = r.burst;
  const rss = r.agent_rss;
  const rows = [
    ["measure", "tskube", "peer", "target"],
    [
      `(a) ${l.pods} pods, one per ${l.interval_ms} ms: create → Running+ready`,
      `p50 ${l.p50_ms} ms, p99 ${l.p99_ms} ms, max ${l.max_ms} ms`,
      `Kubernetes SLO p99 ≤ ${K8S_STARTUP_SLO_MS} ms`,
      `p99 ≤ ${PODS_TARGETS.latencyP99Ms} ms`,
    ],
    ["    the same pace on plain docker", "", `p50 ${l.docker_p50_ms} ms, p99 ${l.docker_p99_ms} ms`, ""],
    ["    of which the create call", `p50 ${l.create_p50_ms} ms, p99 ${l.create_p99_ms} ms`, "", ""],
    [
      `(b) ${b.pods} pods at once → all Running+ready`,
      Number.isFinite(b.tskube_ms)
        ? `${b.tskube_ms} ms (all created after ${b.tskube_created_ms} ms)`
        : `not done: ${b.ready_in_limit}/${b.pods} within ${b.limit_ms} ms`,
      `plain docker ${b.docker_ms} ms`,
      `≤ ${PODS_TARGETS.burstRatio} × docker`,
    ],
    [
      "    ratio",
      Number.isFinite(b.ratio) ? `${b.ratio} ×` : `> ${round1(b.limit_ms / b.docker_ms)} ×`,
      "",
      "",
    ],
    [
      "(c) agent RSS, 30 pods on the node (w1)",
      `${rss.thirty_pods_mb} MB`,
      `k3s agent ${K3S_AGENT_RSS_MB} MB (published)`,
      `≤ ${PODS_TARGETS.agentRssMb} MB`,
    ],
    ["    of which private (RssAnon)", `${rss.thirty_pods_anon_mb} MB`, "", ""],
    ["    10 pods per node", mbs(rss.ten_pods_mb), "", ""],
    ["    no pods", mbs(rss.idle_mb), "", ""],
    ["    highest seen in the run", `${rss.max_mb} MB`, "", ""],
  ];
  const verdicts = r.targets.map(
    (t) => `  ${t.met ? "met   " : "MISSED"}  ${t.what}: ${t.ours} (target ${t.target})`,
  );
  return [
    "",
    `pods bench — ${r.machine}`,
    `node ${r.node_version}; load average before ${r.loadavg_before.join(" ")}, after ${r.loadavg_after.join(" ")}` +
      " (the machine is shared: compare runs at similar load)",
    `lab: ${r.lab.masters} masters + ${r.lab.workers} workers on ${r.lab.subnet}, CNI ${r.lab.cni}, up in ${r.lab.up_s} s; ` +
      `image ${r.image} (pre-pulled)`,
    "",
    table(rows),
    "",
    "targets (issue 5):",
    ...verdicts,
    "",
    "peers:",
    ...Object.values(PEER_SOURCES).map((s) => `  - ${s}`),
    `total ${r.total_s} s`,
  ].join("\n");
}
