import { API_TARGETS, type ApiBenchResult, type TargetCheck } from "./api-figures.js";
import type { LoopStats } from "./api-loop-stats.js";
import { KUBERNETES } from "./api-peer.js";

interface Row {
  readonly label: string;
  readonly ours: number;
  readonly digits: number;
  readonly target?: string;
  readonly met?: boolean;
  readonly peer?: string;
}

/** Issue 4's targets checked on the run's figures (also written to the JSON). */
export function checkTargets(r: Omit<ApiBenchResult, "targets">): TargetCheck[] {
  return [
    {
      figure: `create p99 ms @ ${r.config.steady_rate_per_s}/s`,
      ours: r.create_p99_ms,
      target: `<= ${API_TARGETS.createP99Ms} ms`,
      met: r.create_p99_ms <= API_TARGETS.createP99Ms && r.create_failed === 0,
    },
    {
      figure: `LIST ${r.list_pods} pods, median ms`,
      ours: r.list_full_median_ms,
      target: `<= ${API_TARGETS.listMs} ms`,
      met: r.list_full_median_ms <= API_TARGETS.listMs,
    },
    {
      figure: `watch delivery p99 ms, ${r.watch.watchers} watchers`,
      ours: r.watch_p99_ms,
      target: `<= ${API_TARGETS.watchP99Ms} ms`,
      met: r.watch_p99_ms <= API_TARGETS.watchP99Ms && r.watch.events_missing === 0,
    },
  ];
}

function cell(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "-";
}

/** The table: ours | issue target | Kubernetes (SLO or published figure) | pass/MISS, then the sources. */
export function formatApiBench(r: ApiBenchResult): string {
  const c = r.config;
  const mb = (b: number): number => b / 2 ** 20;
  const [createTarget, listTarget, watchTarget] = r.targets;
  const rows: Row[] = [
    { label: `create p50 ms @ ${c.steady_rate_per_s}/s`, ours: r.create_p50_ms, digits: 2, peer: "" },
    {
      label: `create p99 ms @ ${c.steady_rate_per_s}/s`,
      ours: r.create_p99_ms,
      digits: 2,
      target: createTarget?.target ?? "",
      ...(createTarget === undefined ? {} : { met: createTarget.met }),
      peer: `SLO <= ${KUBERNETES.mutatingP99Ms} ms [1]; ~tens of ms [4]`,
    },
    { label: "create max ms", ours: r.create_max_ms, digits: 1 },
    { label: "  store txn p50 ms (same rate)", ours: r.store_txn_p50_ms, digits: 2 },
    { label: "  store txn p99 ms (same rate)", ours: r.store_txn_p99_ms, digits: 2 },
    { label: "  API layer adds, p50 ms", ours: r.api_overhead_p50_ms, digits: 2 },
    { label: "  API layer adds, p99 ms", ours: r.api_overhead_p99_ms, digits: 2 },
    { label: "  masters' CPU ms per create", ours: r.create_cpu_ms, digits: 2 },
    { label: "  masters' CPU ms per store txn", ours: r.store_txn_cpu_ms, digits: 2 },
    ...r.closed_loop.flatMap((l): Row[] => [
      { label: `closed loop C=${l.concurrency} creates/s`, ours: l.creates_per_s, digits: 0 },
      { label: `closed loop C=${l.concurrency} p99 ms`, ours: l.p99_ms, digits: 1 },
    ]),
    {
      label: `max sustained creates/s (C=${r.max_sustained_concurrency})`,
      ours: r.max_sustained_creates_per_s,
      digits: 0,
      peer: `SLOs hold at churn <= ${KUBERNETES.steadyChurnPerSec}/s [2]`,
    },
    {
      label: `  store txn/s (C=${r.store_txn_closed.concurrency})`,
      ours: r.store_txn_closed.creates_per_s,
      digits: 0,
    },
    {
      label: `LIST ${r.list_pods} pods median ms`,
      ours: r.list_full_median_ms,
      digits: 1,
      target: listTarget?.target ?? "",
      ...(listTarget === undefined ? {} : { met: listTarget.met }),
      peer: `SLO <= ${KUBERNETES.listNamespaceP99Ms} ms ns, ${KUBERNETES.listClusterP99Ms} cluster [1]`,
    },
    { label: `LIST ${r.list_pods} pods max ms`, ours: r.list_full_max_ms, digits: 1 },
    { label: "LIST response MB", ours: mb(r.list_bytes), digits: 1 },
    {
      label: `LIST paged (limit ${c.list_page_size}) median ms`,
      ours: r.list_paged_median_ms,
      digits: 1,
      peer: "~hundreds of ms, big clusters [4]",
    },
    { label: "LIST paged max ms", ours: r.list_paged.max_ms, digits: 1 },
    { label: "watch delivery p50 ms", ours: r.watch_p50_ms, digits: 2 },
    {
      label: `watch delivery p99 ms (${r.watch.watchers} w)`,
      ours: r.watch_p99_ms,
      digits: 2,
      target: watchTarget?.target ?? "",
      ...(watchTarget === undefined ? {} : { met: watchTarget.met }),
      peer: "SLI only, no SLO [3]",
    },
    { label: "watch delivery max ms", ours: r.watch_max_ms, digits: 1 },
    { label: "  watch writes' own p99 ms", ours: r.watch.write_ack.p99_ms, digits: 2 },
    { label: "  event after write's answer p50 ms", ours: r.watch.after_ack.p50_ms, digits: 2 },
    { label: "  event after write's answer p99 ms", ours: r.watch.after_ack.p99_ms, digits: 2 },
    { label: "watch events missing", ours: r.watch.events_missing, digits: 0 },
    { label: "3 masters CPU % (steady)", ours: r.cpu_pct.steady.servers, digits: 0 },
    { label: "3 masters CPU % (max load)", ours: r.cpu_pct.max.servers, digits: 0 },
    { label: "bench client CPU % (max load)", ours: r.cpu_pct.max.client, digits: 0 },
    { label: "3 masters CPU % (watch)", ours: r.cpu_pct.watch.servers, digits: 0 },
    { label: "bench client CPU % (watch)", ours: r.cpu_pct.watch.client, digits: 0 },
  ];
  const w = [36, 10, 10, 38, 5];
  const line = (cols: readonly string[]): string =>
    `  ${cols
      .map((x, i) => (i === 0 || i === 3 ? x.padEnd(w[i] ?? 0) : x.padStart(w[i] ?? 0)))
      .join(" ")}`.trimEnd();
  const out = [
    `api: 3-master tskube with API servers on loopback; HTTPS/JSON, admin client certificate, keep-alive`,
    `  ${r.spread}`,
    `  machine: ${r.machine}; load average before ${r.loadavg_1m_before.toFixed(2)}; leader ${r.leader}`,
    `  steady: ${c.steady_rate_per_s}/s open loop, ${c.steady_seconds} s of creates and ${c.steady_seconds} s of the ` +
      `store's guarded txn (the create's write alone), alternating in short blocks (send lag p99 ${cell(
        r.create_send_lag_p99_ms,
        1,
      )} ms); closed loop ${c.closed_loop_seconds} s per level after ${c.warmup_seconds} s warm-up`,
    `  watch: ${c.watchers} watchers from a LIST's resourceVersion, ${c.watch_writes_per_s} writes/s for ${c.watch_seconds} s ` +
      `(half creates, half label patches); latency = event read by the watcher - write sent by the client`,
    line(["", "tskube", "target", "Kubernetes (peer)", ""]),
  ];
  for (const row of rows) {
    const verdict = row.met === undefined ? "" : row.met ? "pass" : "MISS";
    out.push(line([row.label, cell(row.ours, row.digits), row.target ?? "", row.peer ?? "", verdict]));
  }
  out.push(
    "  by master (role: create p50/p99 ms | store txn p99 ms | watch p99 ms | event-loop delay p99/max ms " +
      "and GC ms, steady phase | the same, watch phase):",
  );
  const loop = (l: LoopStats | undefined): string =>
    `${cell(l?.lag_p99_ms ?? Number.NaN, 1)}/${cell(l?.lag_max_ms ?? Number.NaN, 1)} ${cell(l?.gc_ms ?? Number.NaN, 0)}`;
  for (const [name, s] of Object.entries(r.create_by_master)) {
    out.push(
      `    ${name} ${s.role}: ${cell(s.p50_ms, 2)}/${cell(s.p99_ms, 2)} | ${cell(
        r.store_txn_by_master[name]?.p99_ms ?? Number.NaN,
        2,
      )} | ${cell(r.watch.delivery_by_master[name]?.p99_ms ?? Number.NaN, 2)} | ${loop(
        r.loop.steady[name],
      )} | ${loop(r.loop.watch[name])}`,
    );
  }
  out.push(
    `  new HTTPS connections: ${Object.entries(r.connections_opened)
      .map(([phase, n]) => `${phase} ${n}`)
      .join(", ")}`,
  );
  for (const [phase, kinds] of Object.entries(r.errors)) {
    for (const [kind, n] of Object.entries(kinds)) out.push(`  failures in ${phase}: ${n} x ${kind}`);
  }
  r.peer_sources.forEach((s, i) => {
    out.push(`  [${i + 1}] ${s.what}`, `      ${s.url}`);
  });
  return out.join("\n");
}
