import { request } from "node:https";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiCluster } from "./helpers/api-cluster.js";

// The watch protocol as client-go and kubectl use it, over raw HTTPS: synthetic ADDED events from
// resourceVersion 0, exact resumption from a list's revision, selectors on events, bookmarks, Table
// events, timeouts, and 410 Expired below the watch cache's history (a small cache here: 50 events).

let api: ApiCluster;

beforeAll(async () => {
  api = await ApiCluster.start({ extraArgs: ["--default-watch-cache-size", "50"] });
  expect((await api.kubectl(["create", "namespace", "w"])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await api?.destroy();
});

interface Event {
  type: string;
  object: {
    kind?: string;
    code?: number;
    reason?: string;
    metadata?: { name?: string; resourceVersion?: string };
    rows?: Array<{ cells: unknown[] }>;
    columnDefinitions?: unknown[];
  };
}

/** Opens a watch and collects its events until `stop` says so (or the server ends the stream). */
async function watch(
  path: string,
  stop: (events: Event[]) => boolean,
  options: { accept?: string; timeoutMs?: number; server?: string; during?: () => Promise<void> } = {},
): Promise<{ events: Event[]; ended: boolean; status: number }> {
  const { certPem, keyPem } = await api.adminCredentials();
  const url = new URL(path, options.server ?? api.cluster.apiUrl("m2"));
  return new Promise((resolve, reject) => {
    const events: Event[] = [];
    let buffer = "";
    let done = false;
    const finish = (ended: boolean, status: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ events, ended, status });
    };
    const timer = setTimeout(() => finish(false, 200), options.timeoutMs ?? 15_000);
    const req = request(
      url,
      {
        ca: api.caPem,
        cert: certPem,
        key: keyPem,
        headers: { Accept: options.accept ?? "application/json" },
      },
      (res) => {
        res.on("data", (chunk: Buffer) => {
          buffer += chunk.toString("utf8");
          let i = buffer.indexOf("\n");
          while (i >= 0) {
            const line = buffer.slice(0, i).trim();
            buffer = buffer.slice(i + 1);
            if (line !== "") events.push(JSON.parse(line) as Event);
            i = buffer.indexOf("\n");
          }
          if (stop(events)) finish(false, res.statusCode ?? 0);
        });
        res.on("end", () => finish(true, res.statusCode ?? 0));
        void options.during?.().catch(reject);
      },
    );
    req.on("error", (err) => {
      if (!done) reject(err);
    });
    req.end();
  });
}

async function createConfigMap(name: string, labels: Record<string, string> = {}): Promise<string> {
  const r = await api.raw("POST", "/api/v1/namespaces/w/configmaps", {
    body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels } }),
    contentType: "application/json",
  });
  expect(r.status, r.body).toBe(201);
  return (JSON.parse(r.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

it("a watch from resourceVersion 0 starts with ADDED events for what exists", async () => {
  await createConfigMap("zero-a");
  await createConfigMap("zero-b");
  const r = await watch(
    "/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=0&fieldSelector=metadata.name%3Dzero-b",
    (e) => e.length >= 1,
  );
  expect(r.events[0]).toMatchObject({
    type: "ADDED",
    object: { kind: "ConfigMap", metadata: { name: "zero-b" } },
  });
});

it("a watch from a list's resourceVersion sees exactly the later changes, in order", async () => {
  const list = JSON.parse((await api.raw("GET", "/api/v1/namespaces/w/configmaps")).body) as {
    metadata: { resourceVersion: string };
  };
  const r = await watch(
    `/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`,
    (e) => e.length >= 3,
    {
      during: async () => {
        await createConfigMap("seq");
        await api.raw("PATCH", "/api/v1/namespaces/w/configmaps/seq", {
          body: '{"data":{"a":"1"}}',
          contentType: "application/merge-patch+json",
        });
        await api.raw("DELETE", "/api/v1/namespaces/w/configmaps/seq");
      },
    },
  );
  expect(r.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual([
    "ADDED seq",
    "MODIFIED seq",
    "DELETED seq",
  ]);
  const rvs = r.events.map((e) => Number(e.object.metadata?.resourceVersion));
  expect(rvs[0]).toBeGreaterThan(Number(list.metadata.resourceVersion));
  expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
});

it("an object that stops matching the selector is DELETED for that watcher", async () => {
  await createConfigMap("sel", { tier: "front" });
  const r = await watch(
    "/api/v1/namespaces/w/configmaps?watch=true&labelSelector=tier%3Dfront",
    (e) => e.some((x) => x.type === "DELETED"),
    {
      during: async () => {
        await new Promise((res) => setTimeout(res, 200));
        await api.raw("PATCH", "/api/v1/namespaces/w/configmaps/sel", {
          body: '{"metadata":{"labels":{"tier":"back"}}}',
          contentType: "application/merge-patch+json",
        });
      },
    },
  );
  expect(r.events.map((e) => e.type)).toEqual(["ADDED", "DELETED"]);
});

it("bookmarks come when asked for", async () => {
  const r = await watch(
    "/api/v1/namespaces/w/configmaps?watch=true&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dnone",
    (e) => e.some((x) => x.type === "BOOKMARK"),
    { timeoutMs: 12_000 },
  );
  const bookmark = r.events.find((e) => e.type === "BOOKMARK");
  expect(bookmark?.object.kind).toBe("ConfigMap");
  expect(Number(bookmark?.object.metadata?.resourceVersion)).toBeGreaterThan(0);
});

it("Table watches send one-row Tables, column definitions only first", async () => {
  const r = await watch(
    "/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=0",
    (e) => e.length >= 2,
    {
      accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
    },
  );
  expect(r.events[0]?.object.kind).toBe("Table");
  expect(r.events[0]?.object.rows).toHaveLength(1);
  expect(r.events[0]?.object.columnDefinitions?.length).toBeGreaterThan(0);
  expect(r.events[1]?.object.columnDefinitions).toEqual([]);
});

it("timeoutSeconds ends the stream", async () => {
  const started = performance.now();
  const r = await watch("/api/v1/namespaces/w/configmaps?watch=true&timeoutSeconds=1", () => false, {
    timeoutMs: 10_000,
  });
  expect(r.ended).toBe(true);
  expect(performance.now() - started).toBeLessThan(5000);
});

it("a resourceVersion older than the cache's history gets 410 Expired", async () => {
  const first = await createConfigMap("old-0");
  for (let i = 1; i <= 60; i++) await createConfigMap(`old-${i}`);
  const r = await watch(
    `/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${first}`,
    (e) => e.length >= 1,
  );
  expect(r.status).toBe(200);
  expect(r.events[0]).toMatchObject({
    type: "ERROR",
    object: { kind: "Status", code: 410, reason: "Expired" },
  });
  // kubectl's reflectors re-list and watch again: that works.
  const out = await api.kubectl(["-n", "w", "get", "configmaps", "-o", "name"]);
  expect(out.stdout).toContain("configmap/old-60");
});
