// The agent's HTTPS server on loopback with certificates of a real cluster CA and a fake PodRuntime.
import { request } from "node:https";
import { type AddressInfo, createServer } from "node:net";
import { PassThrough, type Readable } from "node:stream";
import type { Pod } from "kubernetes-types/core/v1.js";
import { Gauge, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type CertKeyPair, createClusterCa, issueClientCert } from "../../master/src/auth/ca.js";
import { selfSignedServingCert } from "../src/agent/key-material.js";
import type {
  ExecOptions,
  ExecSession,
  LogOptions,
  PodRuntime,
  PodStats,
} from "../src/runtime/runtime-types.js";
import { AgentServer, execOptions, logOptions } from "../src/server/agent-server.js";
import { HttpFailure } from "../src/server/http-status.js";
import { StatsSummary } from "../src/server/stats-summary.js";
import { pod as podFixture } from "./pod-fixtures.js";

const q = (s: string) => new URLSearchParams(s);

/** The HTTP code a parser throws with. */
function failureCode(parse: () => unknown): number | undefined {
  try {
    parse();
  } catch (err) {
    return err instanceof HttpFailure ? err.code : -1;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

describe("logOptions", () => {
  it("reads kubectl's query parameters", () => {
    expect(logOptions(q(""))).toEqual({ follow: false, previous: false, timestamps: false });
    expect(
      logOptions(
        q(
          "follow=true&previous=1&timestamps=true&tailLines=10&sinceSeconds=60&limitBytes=500&sinceTime=2025-01-01T00:00:00Z",
        ),
      ),
    ).toEqual({
      follow: true,
      previous: true,
      timestamps: true,
      tailLines: 10,
      sinceSeconds: 60,
      limitBytes: 500,
      sinceTime: "2025-01-01T00:00:00Z",
    });
  });

  it("rejects a non-integer number with 400", () => {
    expect(() => logOptions(q("tailLines=1.5"))).toThrow('invalid tailLines "1.5"');
    expect(failureCode(() => logOptions(q("tailLines=ten")))).toBe(400);
    expect(failureCode(() => logOptions(q("sinceSeconds=x")))).toBe(400);
  });
});

describe("execOptions", () => {
  it("takes every command parameter in order and the stream flags", () => {
    expect(execOptions(q("command=sh&command=-c&command=echo%20hi&stdout=true&stderr=true"))).toEqual({
      command: ["sh", "-c", "echo hi"],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it("with a tty there is no separate stderr", () => {
    expect(execOptions(q("command=sh&stdin=true&stdout=true&stderr=true&tty=true"))).toEqual({
      command: ["sh"],
      stdin: true,
      stdout: true,
      stderr: false,
      tty: true,
    });
  });

  it("a missing command is a 400", () => {
    expect(() => execOptions(q("stdout=true"))).toThrow("you must specify at least 1 command");
    expect(failureCode(() => execOptions(q("")))).toBe(400);
  });
});

class FakeRuntime implements PodRuntime {
  readonly logCalls: { container: string; opts: LogOptions }[] = [];
  readonly execCalls: { container: string; opts: ExecOptions }[] = [];
  logStream = new PassThrough();

  async logs(_pod: Pod, container: string, opts: LogOptions): Promise<Readable> {
    this.logCalls.push({ container, opts });
    return this.logStream;
  }

  async exec(_pod: Pod, container: string, opts: ExecOptions): Promise<ExecSession> {
    this.execCalls.push({ container, opts });
    const stdout = new PassThrough();
    stdout.end("hi\n");
    return { stdout, resize: async () => undefined, exitCode: async () => 0 };
  }

  async stats(): Promise<PodStats[]> {
    return [
      {
        uid: "1111-2222",
        namespace: "shop",
        name: "web",
        containers: [
          {
            name: "app",
            startTime: new Date("2025-01-01T00:00:00Z"),
            usageCoreNanoSeconds: 5_000_000_000n,
            workingSetBytes: 1_000_000,
            usageBytes: 2_000_000,
          },
        ],
      },
    ];
  }

  syncPod(): never {
    throw new Error("not used");
  }
  killPod(): never {
    throw new Error("not used");
  }
  removePod(): never {
    throw new Error("not used");
  }
  listPods(): never {
    throw new Error("not used");
  }
  execSync(): never {
    throw new Error("not used");
  }
}

interface Reply {
  status: number;
  body: string;
}

describe("AgentServer over HTTPS", () => {
  let ca: CertKeyPair;
  let master: CertKeyPair;
  let node: CertKeyPair;
  let otherCaMaster: CertKeyPair;
  let runtime: FakeRuntime;
  let server: AgentServer;
  let port: number;
  const errors: string[] = [];

  beforeAll(async () => {
    ca = await createClusterCa();
    master = await issueClientCert(ca, { user: "kube-apiserver", groups: ["system:masters"] });
    node = await issueClientCert(ca, { user: "system:node:w2", groups: ["system:nodes"] });
    otherCaMaster = await issueClientCert(await createClusterCa(), { user: "x", groups: ["system:masters"] });
    const serving = await selfSignedServingCert("w1", "127.0.0.1");
    runtime = new FakeRuntime();
    const web = podFixture();
    const metrics = new Registry();
    new Gauge({ name: "tskube_agent_pods", help: "pods bound to this node", registers: [metrics] }).set(3);
    server = new AgentServer({
      metrics,
      runtime,
      pod: (ns, name) => (ns === "shop" && name === "web" ? web : undefined),
      stats: new StatsSummary("w1", new Date("2025-01-01T00:00:00Z")),
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      caPem: ca.certPem,
      onError: (err, url) => errors.push(`${url}: ${(err as Error).message}`),
    });
    port = await freePort();
    await server.listen("127.0.0.1", port);
  });

  afterAll(() => server?.close());

  function get(
    path: string,
    client: CertKeyPair | undefined,
    onHead?: (body: Readable) => void,
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          rejectUnauthorized: false, // the agent's certificate is self-signed; the API server does not verify it
          ...(client === undefined ? {} : { cert: client.certPem, key: client.keyPem }),
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            body += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          onHead?.(res);
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("/healthz answers anyone", async () => {
    expect(await get("/healthz", undefined)).toEqual({ status: 200, body: "ok" });
  });

  it("serves Prometheus metrics to the API server's identity only", async () => {
    const r = await get("/metrics", master);
    expect(r.status).toBe(200);
    expect(r.body).toContain("tskube_agent_pods 3");
    expect((await get("/metrics", node)).status).toBe(403);
  });

  it("403 Status without a system:masters certificate of the cluster CA", async () => {
    for (const client of [undefined, node, otherCaMaster]) {
      const r = await get("/stats/summary", client);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({
        kind: "Status",
        status: "Failure",
        reason: "Forbidden",
        code: 403,
      });
    }
  });

  it("streams container logs with the query's options", async () => {
    runtime.logStream = new PassThrough();
    const chunks: string[] = [];
    const reply = get("/containerLogs/shop/web/app?follow=true&tailLines=2", master, (res) => {
      res.on("data", (d: string) => {
        chunks.push(d);
        if (chunks.length === 1) runtime.logStream.end("line 2\n");
      });
    });
    runtime.logStream.write("line 1\n");
    const r = await reply;
    expect(r).toEqual({ status: 200, body: "line 1\nline 2\n" });
    expect(chunks.length).toBe(2); // written as it came, not buffered
    expect(runtime.logCalls.at(-1)).toEqual({
      container: "app",
      opts: { follow: true, previous: false, timestamps: false, tailLines: 2 },
    });
  });

  it("404 for a pod not on this node, 400 for a container not in the pod, 404 for an unknown path", async () => {
    const noPod = await get("/containerLogs/shop/nope/app", master);
    expect(noPod.status).toBe(404);
    expect(JSON.parse(noPod.body)).toMatchObject({
      reason: "NotFound",
      message: 'pod "nope" not found on this node',
    });
    const noContainer = await get("/containerLogs/shop/web/db", master);
    expect(noContainer.status).toBe(400);
    expect(JSON.parse(noContainer.body)).toMatchObject({
      reason: "BadRequest",
      message: "container db is not valid for pod web",
    });
    expect((await get("/metrics/cadvisor", master)).status).toBe(404);
    expect((await get("/containerLogs/shop/web/app?tailLines=x", master)).status).toBe(400);
  });

  it("/stats/summary is kubelet's summary shape", async () => {
    const r = await get("/stats/summary", master);
    expect(r.status).toBe(200);
    const s = JSON.parse(r.body) as {
      node: {
        nodeName: string;
        startTime: string;
        cpu: Record<string, unknown>;
        memory: Record<string, unknown>;
      };
      pods: unknown[];
    };
    expect(s.node).toMatchObject({ nodeName: "w1", startTime: "2025-01-01T00:00:00.000Z" });
    expect(s.node.cpu.usageCoreNanoSeconds).toEqual(expect.any(Number));
    expect(s.node.memory.workingSetBytes).toEqual(expect.any(Number));
    expect(s.pods).toEqual([
      {
        podRef: { name: "web", namespace: "shop", uid: "1111-2222" },
        startTime: "2025-01-01T00:00:00.000Z",
        containers: [
          {
            name: "app",
            startTime: "2025-01-01T00:00:00.000Z",
            cpu: { time: expect.any(String), usageCoreNanoSeconds: 5_000_000_000 },
            memory: { time: expect.any(String), workingSetBytes: 1_000_000, usageBytes: 2_000_000 },
          },
        ],
      },
    ]);
  });

  it("exec upgrades to WebSocket v5 for system:masters only", async () => {
    const url = `wss://127.0.0.1:${port}/exec/shop/web/app?command=echo&command=hi&stdout=true&stderr=true&tty=true`;
    const ws = new WebSocket(url, "v5.channel.k8s.io", {
      rejectUnauthorized: false,
      cert: master.certPem,
      key: master.keyPem,
    });
    const frames: number[] = [];
    ws.on("message", (d: Buffer) => frames.push(d[0] ?? -1));
    expect(await new Promise((r) => ws.once("close", r))).toBe(1000);
    expect(frames).toEqual([1, 3]);
    expect(runtime.execCalls.at(-1)).toEqual({
      container: "app",
      opts: { command: ["echo", "hi"], stdin: false, stdout: true, stderr: false, tty: true },
    });

    const denied = new WebSocket(url, "v5.channel.k8s.io", {
      rejectUnauthorized: false,
      cert: node.certPem,
      key: node.keyPem,
    });
    const status = await new Promise<number>((resolve) => {
      denied.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      denied.once("error", () => resolve(-1));
    });
    expect(status).toBe(403);
  });
});
