import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCluster, KUBECTL, TOKENS } from "./helpers/api-cluster.js";
import { StandInAgent } from "./helpers/stand-in-agent.js";

// The API server's side of pod logs, exec and metrics (agent contract): real masters and the real kubectl,
// with a stand-in node agent on loopback registered as Node "w-ok", and Node "w-dead" whose agent port is closed.

let api: ApiCluster;
let agent: StandInAgent;
let deadPort: number;

const POD = (name: string, node: string, containers: string[]) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: { nodeName: node, containers: containers.map((c) => ({ name: c, image: "busybox" })) },
  });

async function registerNode(name: string, port: number): Promise<void> {
  const created = await api.raw("POST", "/api/v1/nodes", {
    contentType: "application/json",
    body: JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name } }),
  });
  expect(created.status).toBe(201);
  const patched = await api.raw("PATCH", `/api/v1/nodes/${name}/status`, {
    contentType: "application/merge-patch+json",
    body: JSON.stringify({
      status: {
        addresses: [
          { type: "InternalIP", address: "127.0.0.1" },
          { type: "Hostname", address: name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: port } },
        capacity: { cpu: "2", memory: "4Gi", pods: "110" },
        allocatable: { cpu: "2", memory: "4Gi", pods: "110" },
        conditions: [{ type: "Ready", status: "True", reason: "AgentReady", message: "ready" }],
      },
    }),
  });
  expect(patched.status, patched.body).toBe(200);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await new Promise<number>((resolve) =>
    s.listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port)),
  );
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  api = await ApiCluster.start();
  agent = await StandInAgent.start(api.caPem);
  deadPort = await closedPort();
  await registerNode("w-ok", agent.port);
  await registerNode("w-dead", deadPort);
  for (const body of [
    POD("one", "w-ok", ["main"]),
    POD("two", "w-ok", ["a", "b"]),
    POD("lost", "w-dead", ["main"]),
    // The stand-in agent knows no container "missing": its 404s must reach kubectl.
    POD("three", "w-ok", ["missing"]),
    POD("unbound", "", ["main"]),
  ]) {
    const r = await api.raw("POST", "/api/v1/namespaces/default/pods", {
      contentType: "application/json",
      body,
    });
    expect(r.status, r.body).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await agent?.close();
  await api?.destroy();
});

describe("kubectl logs", () => {
  it("prints the container's log through the agent, with the API server's client certificate", async () => {
    const r = await api.kubectl(["logs", "one"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("hello from default/one/main\nsecond line\n");
    expect(agent.paths).toContain("/containerLogs/default/one/main");
    expect(agent.clients).toContain("kube-apiserver-kubelet-client");
  });

  it("passes the log options on (--tail, -c)", async () => {
    const r = await api.kubectl(["logs", "two", "-c", "b", "--tail=1"]);
    expect(r.stdout).toBe("second line\n");
    expect(agent.paths).toContain("/containerLogs/default/two/b?tailLines=1");
  });

  it("-f streams until the container's log ends", async () => {
    const r = await api.kubectl(["logs", "-f", "one"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n");
  });

  it("-f shows lines as they come, and closes the agent's stream when kubectl goes away", async () => {
    const child = spawn(KUBECTL, [
      "--kubeconfig",
      api.kubeconfigPath,
      "--cache-dir",
      join(api.dir, "cache"),
      "logs",
      "-f",
      "two",
      "-c",
      "a",
    ]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise((r) => child.on("exit", r));
    try {
      await waitFor(() => out.includes("tick 2\n"), 10_000);
      const closedBefore = agent.followsClosed;
      child.kill("SIGINT");
      await exited;
      await waitFor(() => agent.followsClosed > closedBefore, 5_000);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("a pod with two containers needs a container name (the API server's 400)", async () => {
    const r = await api.raw("GET", "/api/v1/namespaces/default/pods/two/log");
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({
      reason: "BadRequest",
      message: "a container name must be specified for pod two, choose one of: [a b]",
    });
    const bad = await api.raw("GET", "/api/v1/namespaces/default/pods/two/log?container=zz");
    expect(JSON.parse(bad.body)).toMatchObject({
      code: 400,
      message: "container zz is not valid for pod two",
    });
  });

  it("relays the agent's own errors, and the API server's for missing pods", async () => {
    const r = await api.kubectl(["logs", "three"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'Error from server (NotFound): container "missing" in pod "default/three" not found',
    );
    const missing = await api.kubectl(["logs", "nope"]);
    expect(missing.stderr).toContain('pods "nope" not found');
  });

  it("kubectl picks the first of two containers itself, and rejects unknown ones itself", async () => {
    const r = await api.kubectl(["logs", "two"]);
    expect(r.stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(r.stdout).toBe("hello from default/two/a\nsecond line\n");
    const bad = await api.kubectl(["logs", "two", "-c", "zz"]);
    expect(bad.stderr).toBe("error: container zz is not valid for pod two\n");
  });

  it("names the unreachable agent", async () => {
    const r = await api.kubectl(["logs", "lost"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `Get "https://127.0.0.1:${deadPort}/containerLogs/default/lost/main": dial tcp 127.0.0.1:${deadPort}: connect: connection refused`,
    );
  });

  it("an unscheduled pod has an empty log", async () => {
    const r = await api.raw("GET", "/api/v1/namespaces/default/pods/unbound/log");
    expect(r.status).toBe(200);
    expect(r.body).toBe("");
  });
});

describe("kubectl exec", () => {
  it("runs a command and prints its output", async () => {
    const r = await api.kubectl(["exec", "one", "--", "echo", "hi", "there"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("hi there\n");
    expect(agent.paths.some((p) => p.startsWith("/exec/default/one/main?command=echo&command=hi"))).toBe(
      true,
    );
  });

  it("reports the exit code", async () => {
    const r = await api.kubectl(["exec", "one", "--", "fail", "3"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("failing\n");
    expect(r.stderr).toContain("command terminated with exit code 3");
  });

  it("-i sends stdin", async () => {
    const r = await api.kubectl(["exec", "-i", "one", "--", "cat"], "line A\nline B\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("line A\nline B\n");
  });

  it("-c picks the container", async () => {
    const r = await api.kubectl(["exec", "two", "-c", "b", "--", "echo", "in", "b"]);
    expect(r.stdout).toBe("in b\n");
    expect(agent.paths.some((p) => p.startsWith("/exec/default/two/b?"))).toBe(true);
  });

  it("the agent's refusal (non-101) reaches kubectl", async () => {
    const r = await api.kubectl(["exec", "three", "--", "echo", "x"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('container "missing" in pod "default/three" not found');
  });

  it("exec without an upgrade is refused", async () => {
    const r = await api.raw("GET", "/api/v1/namespaces/default/pods/two/exec?command=x");
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ message: "Upgrade request required" });
  });

  it("names the unreachable agent", async () => {
    const r = await api.kubectl(["exec", "lost", "--", "echo", "x"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`dial tcp 127.0.0.1:${deadPort}: connect: connection refused`);
  });

  it("is create on pods/exec: a read-only user may not", async () => {
    const kc = await api.tokenKubeconfig(TOKENS.view);
    const r = await api.kubectl(["--kubeconfig", kc, "exec", "one", "--", "echo", "x"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('cannot create resource "pods/exec"');
  });
});

describe("kubectl top", () => {
  it("top pods prints each pod's CPU and memory (a rate from cumulative CPU too)", async () => {
    const r = await api.kubectl(["top", "pods"]);
    expect(r.stderr).toBe("");
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(["NAME", "CPU(cores)", "MEMORY(bytes)"]);
    expect(rows.slice(1)).toEqual([
      ["one", "1m", "10Mi"],
      ["two", "7m", "24Mi"],
    ]);
  });

  it("top pods honours label selectors and --containers", async () => {
    const r = await api.kubectl(["top", "pods", "-l", "app=two", "--containers"]);
    const rows = table(r.stdout);
    expect(rows.slice(1)).toEqual([
      ["two", "a", "2m", "20Mi"],
      ["two", "b", "5m", "4Mi"],
    ]);
  });

  it("top pod NAME, and a pod without metrics", async () => {
    expect(table((await api.kubectl(["top", "pod", "one"])).stdout)[1]).toEqual(["one", "1m", "10Mi"]);
    const r = await api.raw("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/lost");
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).message).toBe('podmetrics.metrics.k8s.io "default/lost" not found');
  });

  it("top nodes prints the reachable node's usage against its allocatable", async () => {
    const r = await api.kubectl(["top", "nodes"]);
    const rows = table(r.stdout);
    expect(rows[0]?.slice(0, 2)).toEqual(["NAME", "CPU(cores)"]);
    expect(rows.find((row) => row[0] === "w-ok")).toEqual(["w-ok", "250m", "12%", "512Mi", "12%"]);
  });
});

function table(text: string): string[][] {
  return text
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/));
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
