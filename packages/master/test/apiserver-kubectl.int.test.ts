import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCluster, KUBECTL, TOKENS } from "./helpers/api-cluster.js";

// The real kubectl 1.32 against three masters' API servers (issue 4's "Done when"). Each test is a user
// session: the command, then what kubectl printed.

const MANIFEST = join(import.meta.dirname, "fixtures/app-manifest.yaml");

let api: ApiCluster;

beforeAll(async () => {
  api = await ApiCluster.start();
}, 120_000);

afterAll(async () => {
  await api?.destroy();
});

async function ok(args: string[], input?: string): Promise<string> {
  const r = await api.kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

describe("discovery and reads", () => {
  it("kubectl version reports a 1.32 server", async () => {
    const v = JSON.parse(await ok(["version", "-o", "json"])) as {
      serverVersion: { major: string; minor: string };
    };
    expect(v.serverVersion).toMatchObject({ major: "1", minor: "32" });
  });

  it("kubectl cluster-info names the control plane", async () => {
    const out = await ok(["cluster-info"]);
    expect(out).toContain(`Kubernetes control plane is running at ${api.cluster.apiUrl("m1")}`);
  });

  it("kubectl api-resources lists every resource with its short names", async () => {
    const out = await ok(["api-resources"]);
    const rows = out
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(/\s+/));
    // The first row of a name wins: metrics.k8s.io's pods and nodes come after the core ones.
    const byName = new Map<string, string[]>();
    for (const r of rows) if (r[0] !== undefined && !byName.has(r[0])) byName.set(r[0], r);
    for (const [name, short] of [
      ["namespaces", "ns"],
      ["pods", "po"],
      ["services", "svc"],
      ["endpoints", "ep"],
      ["nodes", "no"],
      ["configmaps", "cm"],
      ["persistentvolumes", "pv"],
      ["persistentvolumeclaims", "pvc"],
      ["events", "ev"],
      ["deployments", "deploy"],
      ["replicasets", "rs"],
      ["daemonsets", "ds"],
      ["horizontalpodautoscalers", "hpa"],
      ["storageclasses", "sc"],
    ] as const) {
      expect(byName.get(name), name).toBeDefined();
      expect(byName.get(name)?.[1], name).toContain(short);
    }
    for (const name of ["secrets", "endpointslices", "leases"]) expect(byName.has(name), name).toBe(true);
    expect(byName.get("horizontalpodautoscalers")?.[2]).toBe("autoscaling/v2");
    // metrics.k8s.io is registered (kubectl top needs it in discovery).
    expect(out).toContain("metrics.k8s.io/v1beta1");
  });

  it("kubectl get prints Kubernetes' columns, wide columns, yaml and json", async () => {
    await ok(["create", "namespace", "reads"]);
    await ok([
      "-n",
      "reads",
      "create",
      "deployment",
      "api",
      "--image=nginx:1.25",
      "--replicas=2",
      "--port=8080",
    ]);
    const table = await ok(["-n", "reads", "get", "deployments"]);
    expect(table.split("\n")[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(table).toMatch(/^api\s+0\/2\s+0\s+0\s+\d+s$/m);
    const wide = await ok(["-n", "reads", "get", "deploy", "-o", "wide"]);
    expect(wide.split("\n")[0]).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(wide).toMatch(/nginx\s+nginx:1\.25\s+app=api/);
    const yaml = await ok(["-n", "reads", "get", "deploy", "api", "-o", "yaml"]);
    expect(yaml).toContain("kind: Deployment");
    expect(yaml).toContain("revisionHistoryLimit: 10");
    expect(yaml).toContain("maxSurge: 25%");
    const json = JSON.parse(await ok(["-n", "reads", "get", "deploy", "api", "-o", "json"])) as {
      metadata: { uid: string; generation: number; resourceVersion: string };
      spec: { template: { spec: { restartPolicy: string; containers: Array<{ imagePullPolicy: string }> } } };
    };
    expect(json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.metadata.generation).toBe(1);
    expect(json.spec.template.spec.restartPolicy).toBe("Always");
    expect(json.spec.template.spec.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
  });

  it("kubectl get -l, -A and --field-selector filter on the server", async () => {
    await ok(["create", "namespace", "sel"]);
    await ok(["-n", "sel", "create", "configmap", "a", "--from-literal=k=v"]);
    await ok(["-n", "sel", "create", "configmap", "b", "--from-literal=k=v"]);
    await ok(["-n", "sel", "label", "configmap", "a", "tier=front"]);
    expect(await ok(["-n", "sel", "get", "cm", "-l", "tier=front", "-o", "name"])).toBe("configmap/a\n");
    expect(await ok(["-n", "sel", "get", "cm", "-l", "tier in (front,back)", "-o", "name"])).toBe(
      "configmap/a\n",
    );
    expect(await ok(["-n", "sel", "get", "cm", "-l", "!tier", "-o", "name"])).toContain("configmap/b");
    expect(await ok(["-n", "sel", "get", "cm", "--field-selector", "metadata.name=b", "-o", "name"])).toBe(
      "configmap/b\n",
    );
    const all = await ok(["get", "cm", "-A"]);
    expect(all.split("\n")[0]).toMatch(/^NAMESPACE\s+NAME\s+DATA\s+AGE$/);
    expect(all).toMatch(/^sel\s+a\s+1\s+/m);
    const bad = await api.kubectl(["-n", "sel", "get", "cm", "--field-selector", "spec.nothing=1"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("is not a known field selector");
  });

  it("limit/continue pages through a consistent list, and kubectl's paging sees everything", async () => {
    await ok(["create", "namespace", "pages"]);
    for (let i = 0; i < 7; i++)
      await ok(["-n", "pages", "create", "configmap", `p${i}`, "--from-literal=a=b"]);
    const names: string[] = [];
    let next = "";
    let revision = "";
    for (let page = 0; page < 10; page++) {
      const q = `limit=3${next === "" ? "" : `&continue=${encodeURIComponent(next)}`}`;
      const r = await api.raw("GET", `/api/v1/namespaces/pages/configmaps?${q}`);
      expect(r.status, r.body).toBe(200);
      const list = JSON.parse(r.body) as {
        metadata: { continue?: string; resourceVersion: string };
        items: Array<{ metadata: { name: string } }>;
      };
      if (revision === "") {
        revision = list.metadata.resourceVersion;
        // A write between pages does not show up: the pages are one snapshot.
        await ok(["-n", "pages", "create", "configmap", "late", "--from-literal=a=b"]);
      } else expect(list.metadata.resourceVersion).toBe(revision);
      names.push(...list.items.map((i) => i.metadata.name));
      next = list.metadata.continue ?? "";
      if (next === "") break;
    }
    expect(names).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
    expect(await ok(["-n", "pages", "get", "cm", "--chunk-size=2", "-o", "name"])).toContain(
      "configmap/late",
    );
  });

  it("server-side dry run validates and answers but stores nothing", async () => {
    const out = await ok([
      "create",
      "configmap",
      "dry",
      "--from-literal=a=b",
      "--dry-run=server",
      "-o",
      "json",
    ]);
    expect(JSON.parse(out)).toMatchObject({ kind: "ConfigMap", metadata: { name: "dry" } });
    const r = await api.kubectl(["get", "configmap", "dry"]);
    expect(r.stderr).toContain('configmaps "dry" not found');
  });

  it("kubectl get -w sees a change made by another client", async () => {
    await ok(["create", "namespace", "watching"]);
    await ok(["-n", "watching", "create", "configmap", "w", "--from-literal=v=1"]);
    const child = spawn(KUBECTL, [
      "--kubeconfig",
      api.kubeconfigPath,
      "--cache-dir",
      join(api.dir, "cache"),
      "-n",
      "watching",
      "get",
      "cm",
      "-w",
      "--output-watch-events",
    ]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => /ADDED\s+w\s/.test(out));
      await ok(["-n", "watching", "create", "configmap", "w2", "--from-literal=v=2"]);
      await ok(["-n", "watching", "label", "configmap", "w", "seen=yes"]);
      await waitFor(() => /MODIFIED\s+w\s/.test(out) && /ADDED\s+w2\s/.test(out));
      expect(out.split("\n")[0]).toMatch(/^EVENT\s+NAME\s+DATA\s+AGE$/);
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("writes", () => {
  it("kubectl apply -f creates every object of a multi-document manifest", async () => {
    const out = await ok(["apply", "-f", MANIFEST]);
    for (const line of [
      "namespace/shop created",
      "configmap/shop-config created",
      "deployment.apps/web created",
      "service/web created",
      "daemonset.apps/logger created",
      "horizontalpodautoscaler.autoscaling/web created",
      "persistentvolume/shop-pv created",
      "persistentvolumeclaim/shop-data created",
    ]) {
      expect(out).toContain(line);
    }
    const svc = JSON.parse(await ok(["-n", "shop", "get", "svc", "web", "-o", "json"])) as {
      spec: { clusterIP: string; ports: Array<{ nodePort: number }> };
    };
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    expect(svc.spec.ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec.ports[0]?.nodePort).toBeLessThanOrEqual(32767);
    const hpa = await ok(["-n", "shop", "get", "hpa"]);
    expect(hpa).toMatch(/^web\s+Deployment\/web\s+/m);
  });

  it("re-apply after changing the image and removing a port updates exactly that", async () => {
    const before = JSON.parse(
      await ok(["-n", "shop", "get", "deploy", "web", "-o", "json"]),
    ) as DeploymentJson;
    const manifest = (await readFile(MANIFEST, "utf8"))
      .replace("image: nginx:1.25", "image: nginx:1.26")
      .replace("            - containerPort: 8443\n", "");
    const out = await ok(["apply", "-f", "-"], manifest);
    expect(out).toContain("deployment.apps/web configured");
    expect(out).toContain("configmap/shop-config unchanged");
    const after = JSON.parse(
      await ok(["-n", "shop", "get", "deploy", "web", "-o", "json"]),
    ) as DeploymentJson;
    const c = after.spec.template.spec.containers[0];
    expect(c?.image).toBe("nginx:1.26");
    expect(c?.ports?.map((p) => p.containerPort)).toEqual([80]);
    expect(c?.env).toEqual([{ name: "MODE", value: "prod" }]);
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    expect(after.spec.replicas).toBe(2);
  });

  it("kubectl apply --server-side creates and updates", async () => {
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: shop\ndata:\n  a: "1"\n  b: "2"\n';
    expect(await ok(["apply", "--server-side", "-f", "-"], cm)).toContain("configmap/ssa serverside-applied");
    await ok(["apply", "--server-side", "-f", "-"], cm.replace('  b: "2"\n', ""));
    const data = JSON.parse(await ok(["-n", "shop", "get", "cm", "ssa", "-o", "jsonpath={.data}"])) as Record<
      string,
      string
    >;
    // Real server-side apply drops a field its manager no longer applies.
    expect(data).toEqual({ a: "1" });
  });

  it("create, expose, scale, set image, autoscale, describe and delete", async () => {
    await ok(["create", "namespace", "ops"]);
    expect(
      await ok(["-n", "ops", "create", "deployment", "api", "--image=nginx:1.25", "--port=8080"]),
    ).toContain("deployment.apps/api created");
    expect(await ok(["-n", "ops", "create", "configmap", "settings", "--from-literal=x=y"])).toContain(
      "configmap/settings created",
    );
    expect(
      await ok(["-n", "ops", "expose", "deployment", "api", "--port=80", "--target-port=8080"]),
    ).toContain("service/api exposed");
    const svc = await ok(["-n", "ops", "get", "svc", "api"]);
    expect(svc).toMatch(/^api\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+/m);
    expect(await ok(["-n", "ops", "scale", "deployment", "api", "--replicas=3"])).toContain(
      "deployment.apps/api scaled",
    );
    expect(await ok(["-n", "ops", "get", "deploy", "api", "-o", "jsonpath={.spec.replicas}"])).toBe("3");
    const gen = Number(
      await ok(["-n", "ops", "get", "deploy", "api", "-o", "jsonpath={.metadata.generation}"]),
    );
    expect(await ok(["-n", "ops", "set", "image", "deployment/api", "nginx=nginx:1.27"])).toContain(
      "image updated",
    );
    expect(
      Number(await ok(["-n", "ops", "get", "deploy", "api", "-o", "jsonpath={.metadata.generation}"])),
    ).toBe(gen + 1);
    expect(
      await ok(["-n", "ops", "autoscale", "deployment", "api", "--min=2", "--max=5", "--cpu-percent=80"]),
    ).toContain("horizontalpodautoscaler.autoscaling/api autoscaled");
    const hpa = await ok(["-n", "ops", "get", "hpa", "api", "-o", "json"]);
    expect(JSON.parse(hpa)).toMatchObject({
      apiVersion: "autoscaling/v2",
      spec: {
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
          },
        ],
      },
    });
    const described = await ok(["-n", "ops", "describe", "deployment", "api"]);
    expect(described).toMatch(/Name:\s+api/);
    expect(described).toMatch(/Image:\s+nginx:1\.27/);
    expect(await ok(["-n", "ops", "delete", "configmap", "settings"])).toContain(
      'configmap "settings" deleted',
    );
    const gone = await api.kubectl(["-n", "ops", "get", "configmap", "settings"]);
    expect(gone.stderr).toContain('configmaps "settings" not found');
  });

  it("kubectl drain cordons a node and evicts its pods", async () => {
    await ok(["create", "namespace", "drain"]);
    const node = await api.raw("POST", "/api/v1/nodes", {
      body: JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name: "worker-d" } }),
      contentType: "application/json",
    });
    expect(node.status, node.body).toBe(201);
    const pod = await api.raw("POST", "/api/v1/namespaces/drain/pods", {
      body: JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "lonely" },
        spec: { nodeName: "worker-d", containers: [{ name: "c", image: "busybox" }] },
      }),
      contentType: "application/json",
    });
    expect(pod.status, pod.body).toBe(201);
    const out = await ok(["drain", "worker-d", "--force", "--grace-period=0", "--timeout=30s"]);
    expect(out).toContain("node/worker-d cordoned");
    expect(out).toContain("pod/lonely evicted");
    expect(await ok(["get", "node", "worker-d", "-o", "jsonpath={.spec.unschedulable}"])).toBe("true");
    expect((await api.kubectl(["-n", "drain", "get", "pod", "lonely"])).stderr).toContain(
      'pods "lonely" not found',
    );
  });

  it("kubectl auth can-i answers for the admin and for the view token", async () => {
    expect((await ok(["auth", "can-i", "create", "pods"])).trim()).toBe("yes");
    const viewer = await api.tokenKubeconfig(TOKENS.view);
    const run = (args: string[]) => api.kubectl(["--kubeconfig", viewer, ...args]);
    expect((await run(["auth", "can-i", "list", "pods"])).stdout.trim()).toBe("yes");
    expect((await run(["auth", "can-i", "create", "pods"])).stdout.trim()).toBe("no");
  });

  it("deleting a namespace removes what it holds", async () => {
    await ok(["create", "namespace", "doomed"]);
    await ok(["-n", "doomed", "create", "configmap", "c", "--from-literal=a=b"]);
    expect(await ok(["delete", "namespace", "doomed", "--timeout=30s"])).toContain(
      'namespace "doomed" deleted',
    );
    const r = await api.kubectl(["get", "namespace", "doomed"]);
    expect(r.stderr).toContain('namespaces "doomed" not found');
    const cm = await api.raw("GET", "/api/v1/namespaces/doomed/configmaps/c");
    expect(cm.status).toBe(404);
  });
});

interface DeploymentJson {
  metadata: { generation: number };
  spec: {
    replicas: number;
    template: {
      spec: {
        containers: Array<{ image: string; ports?: Array<{ containerPort: number }>; env?: unknown[] }>;
      };
    };
  };
}

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
