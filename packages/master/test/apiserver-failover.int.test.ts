import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiCluster } from "./helpers/api-cluster.js";

// The Raft leader is killed while a client loops over writes through a follower's API server: every
// request either succeeds or gets a retryable error, all succeed again within 2 s, and no acknowledged
// write is lost.

let api: ApiCluster;

beforeAll(async () => {
  api = await ApiCluster.start();
  expect((await api.kubectl(["create", "namespace", "loop"])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await api?.destroy();
});

interface Attempt {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly status: number;
  readonly body: string;
}

/** Codes client-go retries on its own (with Retry-After): overload, unavailable, timeout. */
const RETRYABLE = new Set([429, 503, 504]);

it("writes through a follower survive the leader's death", async () => {
  const leader = await api.cluster.waitForLeader();
  const follower = api.cluster.names().find((n) => n !== leader) ?? "";
  const server = api.cluster.apiUrl(follower);
  const attempts: Attempt[] = [];
  let killedAt = 0;
  const stopAt = { t: Number.POSITIVE_INFINITY };
  const loop = async (): Promise<void> => {
    for (let i = 0; performance.now() < stopAt.t; i++) {
      const name = `cm-${i}`;
      const start = performance.now();
      const r = await api.raw("POST", "/api/v1/namespaces/loop/configmaps", {
        server,
        body: JSON.stringify({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name },
          data: { i: String(i) },
        }),
        contentType: "application/json",
      });
      attempts.push({ name, start, end: performance.now(), status: r.status, body: r.body });
    }
  };
  const running = loop();
  await new Promise((r) => setTimeout(r, 1500));
  killedAt = performance.now();
  api.cluster.running(leader).kill("SIGKILL");
  stopAt.t = killedAt + 6000;
  await running;

  const before = attempts.filter((a) => a.end < killedAt);
  const after = attempts.filter((a) => a.start >= killedAt);
  expect(before.length).toBeGreaterThan(10);
  expect(after.length).toBeGreaterThan(10);
  for (const a of attempts) {
    expect(a.status === 201 || RETRYABLE.has(a.status), `${a.name}: ${a.status} ${a.body}`).toBe(true);
  }
  // Every write started 2 s after the kill succeeded.
  const late = attempts.filter((a) => a.start >= killedAt + 2000);
  expect(late.length).toBeGreaterThan(0);
  for (const a of late) expect(a.status, `${a.name}: ${a.body}`).toBe(201);

  // Nothing acknowledged was lost: every 201 is in the list served by the surviving masters.
  const list = await api.raw("GET", "/api/v1/namespaces/loop/configmaps", { server });
  const names = new Set(
    (JSON.parse(list.body) as { items: Array<{ metadata: { name: string } }> }).items.map(
      (i) => i.metadata.name,
    ),
  );
  for (const a of attempts) if (a.status === 201) expect(names.has(a.name), a.name).toBe(true);
  const worst = Math.max(...after.map((a) => a.end - a.start));
  console.log(
    `failover: ${attempts.length} writes, ${after.length} after the kill, slowest ${worst.toFixed(0)} ms, ` +
      `non-201: ${attempts.filter((a) => a.status !== 201).length}`,
  );
});
