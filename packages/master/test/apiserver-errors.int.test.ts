import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCluster, TOKENS } from "./helpers/api-cluster.js";

// Bad input, through kubectl and raw HTTPS: each gets a Kubernetes Status with the right code and the
// offending field, and the masters stay up. Also authentication, authorization and NodePort allocation
// under concurrency.

let api: ApiCluster;

beforeAll(async () => {
  api = await ApiCluster.start();
  expect((await api.kubectl(["create", "namespace", "bad"])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await api?.destroy();
});

interface StatusBody {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: { causes?: Array<{ field: string; message: string; reason: string }> };
}

function status(body: string): StatusBody {
  const s = JSON.parse(body) as StatusBody;
  expect(s.kind).toBe("Status");
  expect(s.status).toBe("Failure");
  return s;
}

const DEPLOYMENTS = "/apis/apps/v1/namespaces/bad/deployments";
const deployment = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "c", image: "busybox" }] },
      },
      ...extra,
    },
  });

describe("bad input gets a Status", () => {
  it("malformed JSON is 400", async () => {
    const r = await api.raw("POST", DEPLOYMENTS, {
      body: '{"apiVersion": "apps/v1", kind',
      contentType: "application/json",
    });
    expect(r.status).toBe(400);
    expect(status(r.body).reason).toBe("BadRequest");
  });

  it("malformed YAML is 400", async () => {
    const r = await api.raw("POST", DEPLOYMENTS, {
      body: "metadata: {name: [x\n  - ]: :",
      contentType: "application/yaml",
    });
    expect(r.status).toBe(400);
    expect(status(r.body).reason).toBe("BadRequest");
  });

  it("malformed protobuf is 400", async () => {
    const body = Buffer.concat([
      Buffer.from([0x6b, 0x38, 0x73, 0x00]),
      Buffer.from([0x0a, 0xff, 0xff, 0x01, 0x02]),
    ]);
    const r = await api.raw("POST", DEPLOYMENTS, {
      body,
      contentType: "application/vnd.kubernetes.protobuf",
    });
    expect(r.status).toBe(400);
    expect(status(r.body).reason).toBe("BadRequest");
  });

  it("an unknown media type is 415", async () => {
    const r = await api.raw("POST", DEPLOYMENTS, { body: "x", contentType: "text/plain" });
    expect(r.status).toBe(415);
    expect(status(r.body).message).toContain("the body of the request was in an unknown format");
  });

  it("a kind that does not belong to the endpoint is 400", async () => {
    const body = JSON.stringify({ apiVersion: "v1", kind: "Service", metadata: { name: "x" } });
    const r = await api.raw("POST", DEPLOYMENTS, { body, contentType: "application/json" });
    expect(r.status).toBe(400);
    expect(status(r.body).message).toContain("does not match the expected");
  });

  it("missing mandatory fields are 422 with the field named", async () => {
    const body = JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "nosel" },
      spec: {},
    });
    const r = await api.raw("POST", DEPLOYMENTS, { body, contentType: "application/json" });
    expect(r.status).toBe(422);
    const s = status(r.body);
    expect(s.reason).toBe("Invalid");
    expect(s.details?.causes?.map((c) => c.field)).toContain("spec.selector");
    expect(s.message).toMatch(/^Deployment\.apps "nosel" is invalid: /);
  });

  it("a name that is not DNS-1123 is 422 (kubectl shows the field)", async () => {
    const r = await api.kubectl(["-n", "bad", "create", "configmap", "Bad_Name", "--from-literal=a=b"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    );
  });

  it("a negative replica count is 422 with Kubernetes' message", async () => {
    const r = await api.raw("POST", DEPLOYMENTS, {
      body: deployment("neg", { replicas: -1 }),
      contentType: "application/json",
    });
    expect(r.status).toBe(422);
    expect(status(r.body).message).toContain(
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    );
  });

  it("a body over 3 MiB is 413", async () => {
    const big = JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "big" },
      data: { a: "x".repeat(3 * 1024 * 1024 + 10) },
    });
    const r = await api.raw("POST", "/api/v1/namespaces/bad/configmaps", {
      body: big,
      contentType: "application/json",
    });
    expect(r.status).toBe(413);
    expect(status(r.body).reason).toBe("RequestEntityTooLarge");
  });

  it("invalid patches are 400, 415 or 422", async () => {
    expect(
      (await api.raw("POST", DEPLOYMENTS, { body: deployment("patched"), contentType: "application/json" }))
        .status,
    ).toBe(201);
    const path = `${DEPLOYMENTS}/patched`;
    const notJson = await api.raw("PATCH", path, {
      body: "{nope",
      contentType: "application/merge-patch+json",
    });
    expect(notJson.status).toBe(400);
    const wrongShape = await api.raw("PATCH", path, {
      body: '{"op":"replace"}',
      contentType: "application/json-patch+json",
    });
    expect(wrongShape.status).toBe(400);
    const failedTest = await api.raw("PATCH", path, {
      body: JSON.stringify([{ op: "test", path: "/spec/replicas", value: 42 }]),
      contentType: "application/json-patch+json",
    });
    expect(failedTest.status).toBe(422);
    const badType = await api.raw("PATCH", path, { body: "{}", contentType: "text/plain" });
    expect(badType.status).toBe(415);
    const badDirective = await api.raw("PATCH", path, {
      body: JSON.stringify({
        spec: { template: { spec: { containers: [{ name: "c", $patch: "explode" }] } } },
      }),
      contentType: "application/strategic-merge-patch+json",
    });
    expect(badDirective.status).toBe(400);
    const invalidResult = await api.raw("PATCH", path, {
      body: JSON.stringify({ spec: { replicas: -3 } }),
      contentType: "application/merge-patch+json",
    });
    expect(invalidResult.status).toBe(422);
  });

  it("selectors that do not parse are 400", async () => {
    const labels = await api.kubectl(["-n", "bad", "get", "pods", "-l", "a in (b"]);
    expect(labels.code).not.toBe(0);
    const r = await api.raw(
      "GET",
      `/api/v1/namespaces/bad/pods?labelSelector=${encodeURIComponent("a in (b")}`,
    );
    expect(r.status).toBe(400);
    const fields = await api.raw(
      "GET",
      `/api/v1/namespaces/bad/pods?fieldSelector=${encodeURIComponent("spec.bogus=1")}`,
    );
    expect(fields.status).toBe(400);
    expect(status(fields.body).message).toContain("field label not supported: spec.bogus");
  });

  it("unknown resources are 404", async () => {
    const r = await api.raw("GET", "/apis/apps/v1/namespaces/bad/widgets");
    expect(r.status).toBe(404);
    expect(status(r.body).reason).toBe("NotFound");
    const k = await api.kubectl(["get", "widgets"]);
    expect(k.stderr).toContain('the server doesn\'t have a resource type "widgets"');
  });

  it("a namespace that does not exist is 404 on create", async () => {
    const r = await api.raw("POST", "/api/v1/namespaces/nowhere/configmaps", {
      body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }),
      contentType: "application/json",
    });
    expect(r.status).toBe(404);
    expect(status(r.body).message).toBe('namespaces "nowhere" not found');
  });

  it("a stale resourceVersion is 409 Conflict, a duplicate name 409 AlreadyExists", async () => {
    const created = await api.raw("POST", "/api/v1/namespaces/bad/configmaps", {
      body: JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "occ" },
        data: { v: "1" },
      }),
      contentType: "application/json",
    });
    expect(created.status).toBe(201);
    const cm = JSON.parse(created.body) as { metadata: { resourceVersion: string } };
    const again = await api.raw("POST", "/api/v1/namespaces/bad/configmaps", {
      body: created.body,
      contentType: "application/json",
    });
    expect(again.status).toBe(409);
    expect(status(again.body).reason).toBe("AlreadyExists");
    const put = (v: string) =>
      api.raw("PUT", "/api/v1/namespaces/bad/configmaps/occ", {
        body: JSON.stringify({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "occ", resourceVersion: cm.metadata.resourceVersion },
          data: { v },
        }),
        contentType: "application/json",
      });
    expect((await put("2")).status).toBe(200);
    const stale = await put("3");
    expect(stale.status).toBe(409);
    expect(status(stale.body).reason).toBe("Conflict");
    expect(status(stale.body).message).toContain("the object has been modified");
  });

  it("node ports: a taken or out-of-range port is 422 with Kubernetes' words", async () => {
    const svc = (name: string, nodePort: number) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name },
        spec: { type: "NodePort", selector: { app: name }, ports: [{ port: 80, nodePort }] },
      });
    const path = "/api/v1/namespaces/bad/services";
    expect(
      (await api.raw("POST", path, { body: svc("first", 30080), contentType: "application/json" })).status,
    ).toBe(201);
    const taken = await api.raw("POST", path, {
      body: svc("second", 30080),
      contentType: "application/json",
    });
    expect(taken.status).toBe(422);
    expect(status(taken.body).message).toContain(
      "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
    );
    const range = await api.raw("POST", path, { body: svc("third", 80), contentType: "application/json" });
    expect(range.status).toBe(422);
    expect(status(range.body).message).toContain(
      "provided port is not in the valid range. The range of valid ports is 30000-32767",
    );
  });

  it("unknown fields: Strict is 400, Warn drops them with a warning (kubectl apply's --validate)", async () => {
    const manifest = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: typo, namespace: bad}",
      "spec:",
      "  replicas: 1",
      "  selector: {matchLabels: {app: typo}}",
      "  template:",
      "    metadata: {labels: {app: typo}}",
      "    spec:",
      "      containers: [{name: c, image: busybox, imagePullPolicyy: Always}]",
      "",
    ].join("\n");
    const strict = await api.kubectl(["apply", "-f", "-"], manifest);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain(
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
    );
    const warn = await api.kubectl(["apply", "--validate=warn", "-f", "-"], manifest);
    expect(warn.code, warn.stderr).toBe(0);
    expect(warn.stderr).toContain(
      'Warning: unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
    );
    const stored = await api.raw("GET", `${DEPLOYMENTS}/typo`);
    const container = (
      JSON.parse(stored.body) as {
        spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
      }
    ).spec.template.spec.containers[0];
    expect(Object.keys(container ?? {})).not.toContain("imagePullPolicyy");
    const raw = await api.raw("POST", "/api/v1/namespaces/bad/configmaps", {
      body: JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "extra" },
        dataa: { a: "b" },
      }),
      contentType: "application/json",
    });
    expect(raw.status).toBe(201);
    expect(raw.headers.warning).toBe('299 - "unknown field \\"dataa\\""');
  });

  it("the masters are still up", async () => {
    for (const name of api.cluster.names()) {
      const r = await api.raw("GET", "/healthz", { server: api.cluster.apiUrl(name) });
      expect(r.status).toBe(200);
    }
  });
});

describe("allocation under concurrency", () => {
  it("100 concurrent NodePort services get 100 distinct ports and cluster IPs", async () => {
    expect((await api.kubectl(["create", "namespace", "many"])).code).toBe(0);
    const masters = api.cluster.names();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.raw("POST", "/api/v1/namespaces/many/services", {
          server: api.cluster.apiUrl(masters[i % masters.length] ?? "m1"),
          body: JSON.stringify({
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: `s${i}` },
            spec: { type: "NodePort", selector: { app: `s${i}` }, ports: [{ port: 80 }] },
          }),
          contentType: "application/json",
        }),
      ),
    );
    for (const r of results) expect(r.status, r.body).toBe(201);
    const services = results.map(
      (r) => JSON.parse(r.body) as { spec: { clusterIP: string; ports: Array<{ nodePort: number }> } },
    );
    const ports = new Set(services.map((s) => s.spec.ports[0]?.nodePort));
    const ips = new Set(services.map((s) => s.spec.clusterIP));
    expect(ports.size).toBe(100);
    expect(ips.size).toBe(100);
    // What is stored agrees with what was answered.
    const list = JSON.parse((await api.raw("GET", "/api/v1/namespaces/many/services")).body) as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(100);
  });
});

describe("authentication and authorization", () => {
  it("no certificate and no token: 401", async () => {
    const r = await api.raw("GET", "/api/v1/namespaces", { noAuth: true });
    expect(r.status).toBe(401);
    expect(status(r.body).reason).toBe("Unauthorized");
  });

  it("an unknown token: 401", async () => {
    const r = await api.raw("GET", "/api/v1/namespaces", { token: "not-a-token" });
    expect(r.status).toBe(401);
  });

  it("the view token reads but may not write (403)", async () => {
    const viewer = await api.tokenKubeconfig(TOKENS.view);
    const read = await api.kubectl(["--kubeconfig", viewer, "get", "namespaces"]);
    expect(read.code).toBe(0);
    expect(read.stdout).toContain("default");
    const write = await api.kubectl([
      "--kubeconfig",
      viewer,
      "create",
      "configmap",
      "nope",
      "--from-literal=a=b",
    ]);
    expect(write.code).not.toBe(0);
    expect(write.stderr).toContain(
      'configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "default"',
    );
  });

  it("a node identity writes its own Node but not another node's", async () => {
    const node = (name: string) => JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name } });
    expect(
      (await api.raw("POST", "/api/v1/nodes", { body: node("node-2"), contentType: "application/json" }))
        .status,
    ).toBe(201);
    const own = await api.raw("POST", "/api/v1/nodes", {
      body: node("node-1"),
      contentType: "application/json",
      token: TOKENS.node1,
    });
    expect(own.status).toBe(201);
    // Each node gets its own /24 of the pod network.
    const cidrs = await Promise.all(
      ["node-1", "node-2"].map(
        async (n) =>
          (JSON.parse((await api.raw("GET", `/api/v1/nodes/${n}`)).body) as { spec: { podCIDR?: string } })
            .spec.podCIDR,
      ),
    );
    for (const c of cidrs) expect(c).toMatch(/^10\.244\.\d+\.0\/24$/);
    expect(cidrs[0]).not.toBe(cidrs[1]);
    const label = JSON.stringify({ metadata: { labels: { hacked: "yes" } } });
    const other = await api.raw("PATCH", "/api/v1/nodes/node-2", {
      body: label,
      contentType: "application/merge-patch+json",
      token: TOKENS.node1,
    });
    expect(other.status).toBe(403);
    expect(status(other.body).reason).toBe("Forbidden");
    const ownPatch = await api.raw("PATCH", "/api/v1/nodes/node-1/status", {
      body: JSON.stringify({ status: { conditions: [{ type: "Ready", status: "True" }] } }),
      contentType: "application/merge-patch+json",
      token: TOKENS.node1,
    });
    expect(ownPatch.status, ownPatch.body).toBe(200);
    const del = await api.raw("DELETE", "/api/v1/nodes/node-2", { token: TOKENS.node1 });
    expect(del.status).toBe(403);
  });
});
