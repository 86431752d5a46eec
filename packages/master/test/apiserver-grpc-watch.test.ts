import * as grpc from "@grpc/grpc-js";
import {
  ApiError,
  loadObjectsProto,
  ObjectClient,
  type ObjectsWire,
  type ObjectWatch,
  type ObjectWatchEvent,
} from "@tskube/api";
import type { Pod } from "kubernetes-types/core/v1.js";
import { afterEach, describe, expect, it } from "vitest";
import { FakeCore, type RunningServer, startObjectsServer } from "./helpers/apiserver-grpc-fake.js";

// Watch over gRPC: streaming, close, resume on another endpoint from the last resourceVersion, 410 Expired,
// and server-side ends, with real grpc-js servers on 127.0.0.1 over the fake core of the test helpers.

const servers: RunningServer[] = [];
const clients: Array<{ close(): void }> = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) s.server.forceShutdown();
});

async function serve(core: FakeCore): Promise<RunningServer> {
  const s = await startObjectsServer(core);
  servers.push(s);
  return s;
}

function client(endpoints: string | string[], token?: string): ObjectClient {
  const c = new ObjectClient(endpoints, {
    ...(token === undefined ? {} : { token }),
    deadlineMs: 3000,
    retryBudgetMs: 3000,
  });
  clients.push(c);
  return c;
}

const pod = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

/** The next event, failing the test instead of hanging when none comes. */
async function next<T>(w: ObjectWatch<T>, ms = 3000): Promise<IteratorResult<ObjectWatchEvent<T>>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no watch event within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([w.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function event<T>(
  w: ObjectWatch<T>,
): Promise<{ type: string; name: string | undefined; rv: string | undefined }> {
  const r = await next(w);
  if (r.done) throw new Error("watch ended");
  const meta = (r.value.object as { metadata?: { name?: string; resourceVersion?: string } }).metadata;
  return { type: r.value.type, name: meta?.name, rv: meta?.resourceVersion };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("gRPC object API: watch", () => {
  it("starts with the current objects, then streams changes and bookmarks, typed", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint, "alice");
    await c.create("pods", pod("a"));
    const w = await c.watch("pods", { namespace: "default", allowWatchBookmarks: true });
    // The current state came from a list, with apiVersion/kind restored as a watch event carries them.
    const first = await next(w);
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({
      type: "ADDED",
      object: { apiVersion: "v1", kind: "Pod", metadata: { name: "a" } },
    });
    expect(core.watchOpens.at(-1)).toEqual({ resourceVersion: "101", allowWatchBookmarks: true });

    await c.create("pods", pod("b"));
    expect(await event(w)).toEqual({ type: "ADDED", name: "b", rv: "102" });
    const b = await c.get("pods", { namespace: "default", name: "b" });
    await c.update("pods", { ...b, metadata: { ...b.metadata, labels: { x: "1" } } });
    expect(await event(w)).toEqual({ type: "MODIFIED", name: "b", rv: "103" });
    await c.delete("pods", { namespace: "default", name: "a" });
    expect(await event(w)).toEqual({ type: "DELETED", name: "a", rv: "104" });
    core.bookmark();
    const bm = await next(w);
    expect(bm.value).toEqual({
      type: "BOOKMARK",
      object: { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "104" } },
    });
    expect(w.resourceVersion).toBe("104");
    w.close();
  });

  it("close() ends the iteration and the server-side watch", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint, "alice");
    const w = await c.watch("pods", { namespace: "default", resourceVersion: "100" });
    expect(core.watchers.size).toBe(1);
    const pending = w.next();
    w.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    await until(() => core.watchers.size === 0);
    // for-await over a closed watch ends at once.
    const seen = [];
    for await (const e of w) seen.push(e);
    expect(seen).toEqual([]);
  });

  it("resumes on another endpoint from the last resourceVersion when its server goes away", async () => {
    const core = new FakeCore();
    const a = await serve(core);
    const b = await serve(core);
    const c = client([a.endpoint, b.endpoint], "alice");
    const w = await c.watch("pods", { namespace: "default", resourceVersion: "100" });
    expect(w.endpoint).toBe(a.endpoint);
    await c.create("pods", pod("one"));
    expect(await event(w)).toEqual({ type: "ADDED", name: "one", rv: "101" });

    a.server.forceShutdown();
    // Changes made while no stream is open are delivered after the resume, once each, in order.
    await c.create("pods", pod("two"));
    await c.create("pods", pod("three"));
    expect(await event(w)).toEqual({ type: "ADDED", name: "two", rv: "102" });
    expect(await event(w)).toEqual({ type: "ADDED", name: "three", rv: "103" });
    expect(w.endpoint).toBe(b.endpoint);
    expect(core.watchOpens.map((o) => o.resourceVersion)).toEqual(["100", "101"]);
    w.close();
  });

  it("rejects a watch from a compacted resourceVersion with the 410 Expired ApiError", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const err = (await client(endpoint, "alice")
      .watch("pods", { namespace: "default", resourceVersion: "7" })
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.toStatus()).toMatchObject({
      reason: "Expired",
      code: 410,
      message: "too old resource version: 7 (50)",
    });
  });

  it("surfaces an error the server reports mid-stream by throwing it from the iteration", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const w = await client(endpoint, "alice").watch("pods", { namespace: "default", resourceVersion: "100" });
    core.failWatches(new ApiError("Expired", "too old resource version: 100 (120)"));
    const err = (await next(w).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.reason).toBe("Expired");
    expect(err.message).toBe("too old resource version: 100 (120)");
    expect(await next(w)).toEqual({ value: undefined, done: true });
  });

  it("sends Expired as OUT_OF_RANGE with the Status on the wire, before any response header", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const stub: ObjectsWire.ObjectsClient = new (loadObjectsProto().api.v1.Objects)(
      endpoint,
      grpc.credentials.createInsecure(),
    );
    clients.push(stub);
    const md = new grpc.Metadata();
    md.set("authorization", "Bearer alice");
    const call = stub.Watch({ target: { version: "v1", resource: "pods" }, resourceVersion: "3" }, md);
    let headers = false;
    call.on("metadata", () => (headers = true));
    call.on("data", () => {});
    const err = await new Promise<grpc.ServiceError>((resolve) => call.on("error", resolve));
    expect(err.code).toBe(grpc.status.OUT_OF_RANGE);
    expect(err.details).toBe("too old resource version: 3 (50)");
    expect(JSON.parse(String(err.metadata.get("k8s-status-bin")[0]))).toMatchObject({
      reason: "Expired",
      code: 410,
    });
    expect(headers).toBe(false);
  });

  it("ends the iteration when the caller's timeout is over", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const w = await client(endpoint, "alice").watch("pods", {
      namespace: "default",
      resourceVersion: "100",
      timeoutSeconds: 1,
    });
    expect(core.watchOpens.at(-1)?.timeoutSeconds).toBe(1);
    expect(await next(w)).toEqual({ value: undefined, done: true });
    expect(core.watchOpens).toHaveLength(1);
  });

  it("watches on when the server ends an open-ended watch (its own timeout), from the last resourceVersion", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint, "alice");
    const w = await c.watch("pods", { namespace: "default", resourceVersion: "100" });
    await c.create("pods", pod("a"));
    expect(await event(w)).toEqual({ type: "ADDED", name: "a", rv: "101" });
    core.endWatches();
    await until(() => core.watchOpens.length === 2);
    expect(core.watchOpens[1]?.resourceVersion).toBe("101");
    await c.create("pods", pod("b"));
    expect(await event(w)).toEqual({ type: "ADDED", name: "b", rv: "102" });
    w.close();
  });

  it("rejects a watch without credentials with 401", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const err = (await client(endpoint)
      .watch("pods", { resourceVersion: "100" })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.toStatus()).toMatchObject({ reason: "Unauthorized", code: 401 });
    expect(core.watchOpens).toHaveLength(0);
  });

  it("gives up resuming after the retry budget and throws ServiceUnavailable", async () => {
    const core = new FakeCore();
    const a = await serve(core);
    const c = new ObjectClient(a.endpoint, { token: "alice", deadlineMs: 1000, retryBudgetMs: 400 });
    clients.push(c);
    const w = await c.watch("pods", { namespace: "default", resourceVersion: "100" });
    a.server.forceShutdown();
    const err = (await next(w).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.reason).toBe("ServiceUnavailable");
    expect(err.message.startsWith(`${a.endpoint}: `)).toBe(true);
  });

  it("delivers a backlog larger than its buffer (the stream paused meanwhile) in order, without loss", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const scope = {
      user: { name: "t", groups: [] },
      group: "",
      version: "v1",
      resource: "pods",
      namespace: "default",
    };
    for (let i = 0; i < 2500; i++) await core.create(scope, { ...pod(`p${i}`) });
    const w = await client(endpoint, "alice").watch("pods", { namespace: "default", resourceVersion: "100" });
    // Let 2500 events arrive (past the 1000-event high-water mark) before consuming any.
    await new Promise((r) => setTimeout(r, 100));
    const names: string[] = [];
    for (let i = 0; i < 2500; i++) names.push((await event(w)).name ?? "");
    expect(names).toEqual(Array.from({ length: 2500 }, (_, i) => `p${i}`));
    w.close();
  });
});
