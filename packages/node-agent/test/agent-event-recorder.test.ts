import type { ObjectClient } from "@tskube/api";
import type { Event } from "kubernetes-types/core/v1.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EventRecorder } from "../src/agent/event-recorder.js";
import type { AgentLogger } from "../src/agent/logger.js";
import { pod } from "./pod-fixtures.js";

interface Patch {
  namespace?: string;
  name: string;
  type: string;
  patch: unknown;
}

/** Records writes; only what EventRecorder calls. */
class FakeEvents {
  readonly created: Event[] = [];
  readonly patches: Patch[] = [];
  failPatches = false;

  async create(_resource: string, body: Event): Promise<Event> {
    this.created.push(body);
    return body;
  }

  async patch(_resource: string, options: Patch): Promise<Event> {
    if (this.failPatches) throw new Error("not found");
    this.patches.push(options);
    return {} as Event;
  }
}

const silent: AgentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

describe("EventRecorder", () => {
  let fake: FakeEvents;
  let recorder: EventRecorder;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T10:00:00Z"));
    fake = new FakeEvents();
    recorder = new EventRecorder(fake as unknown as ObjectClient, "w1", silent);
  });

  afterEach(() => vi.useRealTimers());

  const pulled = {
    type: "Normal",
    reason: "Pulled",
    message: "image pulled",
    fieldPath: "spec.containers{app}",
  } as const;

  it("writes an Event as kubelet does", async () => {
    recorder.pod(pod(), pulled);
    await recorder.flush();
    expect(fake.created).toHaveLength(1);
    const e = fake.created[0] as Event;
    expect(e).toMatchObject({
      apiVersion: "v1",
      kind: "Event",
      metadata: { namespace: "shop" },
      involvedObject: {
        apiVersion: "v1",
        kind: "Pod",
        namespace: "shop",
        name: "web",
        uid: "1111-2222",
        fieldPath: "spec.containers{app}",
      },
      reason: "Pulled",
      message: "image pulled",
      type: "Normal",
      source: { component: "kubelet", host: "w1" },
      firstTimestamp: "2025-01-01T10:00:00Z",
      lastTimestamp: "2025-01-01T10:00:00Z",
      count: 1,
    });
    expect(e.metadata?.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it("the same event twice: one create, then one patch with count 2 and the new lastTimestamp", async () => {
    recorder.pod(pod(), pulled);
    vi.setSystemTime(new Date("2025-01-01T10:01:00Z"));
    recorder.pod(pod(), pulled);
    await recorder.flush();
    expect(fake.created).toHaveLength(1);
    expect(fake.patches).toEqual([
      {
        namespace: "shop",
        name: fake.created[0]?.metadata?.name,
        type: "merge",
        patch: { count: 2, lastTimestamp: "2025-01-01T10:01:00Z" },
      },
    ]);
  });

  it("a different message, or the same one after 10 minutes, is a new Event", async () => {
    recorder.pod(pod(), pulled);
    recorder.pod(pod(), { ...pulled, message: "other" });
    vi.setSystemTime(new Date("2025-01-01T10:10:01Z"));
    recorder.pod(pod(), pulled);
    await recorder.flush();
    expect(fake.created).toHaveLength(3);
    expect(fake.patches).toHaveLength(0);
  });

  it("an aggregated Event that vanished is written anew", async () => {
    recorder.pod(pod(), pulled);
    fake.failPatches = true;
    recorder.pod(pod(), pulled);
    await recorder.flush();
    expect(fake.created).toHaveLength(2);
  });

  it("node events go to the default namespace with the node as involved object", async () => {
    recorder.node("node-uid", {
      type: "Normal",
      reason: "NodeReady",
      message: "Node w1 status is now: NodeReady",
    });
    await recorder.flush();
    expect(fake.created[0]).toMatchObject({
      metadata: { namespace: "default" },
      involvedObject: { kind: "Node", name: "w1", uid: "node-uid" },
    });
  });
});
