import type { StoreBenchResult, SystemFigures } from "./store-figures.js";

/** Issue 3's performance targets, checked on figures measured in the same run. */
interface Row {
  readonly label: string;
  readonly value: (f: SystemFigures) => number;
  readonly digits: number;
  readonly target?: {
    readonly text: string;
    readonly met: (tskube: number, etcd: number | undefined) => boolean | null;
  };
}

const RSS_LIMIT_MB = 150;

const ROWS: readonly Row[] = [
  { label: "sequential put p50 ms", value: (f) => f.seq_p50_ms, digits: 2 },
  {
    label: "sequential put p99 ms",
    value: (f) => f.seq_p99_ms,
    digits: 2,
    target: { text: "<= 1.2 x etcd", met: (t, e) => (e === undefined ? null : t <= 1.2 * e) },
  },
  { label: "16 in flight writes/s", value: (f) => f.tput_16, digits: 0 },
  { label: "16 in flight p99 ms", value: (f) => f.p99_16_ms, digits: 1 },
  {
    label: "64 in flight writes/s",
    value: (f) => f.tput_64,
    digits: 0,
    target: { text: ">= etcd", met: (t, e) => (e === undefined ? null : t >= e) },
  },
  { label: "64 in flight p99 ms", value: (f) => f.p99_64_ms, digits: 1 },
  {
    label: "256 in flight writes/s",
    value: (f) => f.tput_256,
    digits: 0,
    target: { text: ">= etcd", met: (t, e) => (e === undefined ? null : t >= e) },
  },
  { label: "256 in flight p99 ms", value: (f) => f.p99_256_ms, digits: 1 },
  {
    label: "failover gap median ms",
    value: (f) => f.failover_ms,
    digits: 0,
    target: { text: "<= etcd", met: (t, e) => (e === undefined ? null : t <= e) },
  },
  {
    label: "leader RSS @256 MB",
    value: (f) => f.rss_mb,
    digits: 1,
    target: { text: `<= ${RSS_LIMIT_MB} MB`, met: (t) => t <= RSS_LIMIT_MB },
  },
  { label: "client CPU @256 %", value: (f) => f.cpu_client_pct_256, digits: 0 },
  { label: "3 servers CPU @256 %", value: (f) => f.cpu_servers_pct_256, digits: 0 },
  { label: "failed puts (no retries)", value: (f) => f.failed_puts, digits: 0 },
];

function cell(x: number | undefined, digits: number): string {
  return x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(digits);
}

/** The side-by-side table: etcd and tskube in adjacent columns, their ratio, and the targets with pass/miss. */
export function formatStoreBench(result: StoreBenchResult): string {
  const { etcd, tskube } = result;
  const some = etcd ?? tskube;
  const w = [26, 16, 20, 12, 16, 5];
  const line = (cols: readonly string[]): string =>
    `  ${cols.map((c, i) => (i === 0 ? c.padEnd(w[0] ?? 0) : c.padStart(w[i] ?? 0))).join(" ")}`.trimEnd();
  const out = [
    "store: 3-member etcd vs 3-master tskube on loopback (heartbeat 100 ms, election 1000 ms), run one after the other;",
    "  puts of 256 B values to random keys in 100k sent to the leader by one Node grpc-js client, no retries;",
    "  failover: one client writing to a surviving member, 100 ms deadline, immediate retry; SIGKILL the leader",
  ];
  if (some !== undefined) out.push(`  machine: ${some.machine}`);
  out.push(
    line([
      "",
      `etcd ${etcd?.version ?? ""}`.trim(),
      `tskube ${tskube?.version ?? ""}`.trim(),
      "tskube/etcd",
      "target",
      "",
    ]),
  );
  for (const row of ROWS) {
    const e = etcd === undefined ? undefined : row.value(etcd);
    const t = tskube === undefined ? undefined : row.value(tskube);
    const ratio =
      e !== undefined && t !== undefined && Number.isFinite(t) && Number.isFinite(e) && e > 0
        ? `${(t / e).toFixed(2)}x`
        : "";
    const met = row.target !== undefined && t !== undefined ? row.target.met(t, e) : null;
    const verdict = met === null ? "" : met ? "pass" : "MISS";
    out.push(
      line([row.label, cell(e, row.digits), cell(t, row.digits), ratio, row.target?.text ?? "", verdict]),
    );
  }
  for (const f of [etcd, tskube]) {
    if (f === undefined) continue;
    out.push(
      `  ${f.system}: failover gaps ${f.failover_gaps_ms.join(", ")} ms (kill -> first write median ${f.failover_kill_to_first_ms} ms); ` +
        `load average before ${f.loadavg_1m_before.toFixed(2)}`,
    );
  }
  return out.join("\n");
}
