import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiVersionOf, groupVersions, preferredVersion, RESOURCES } from "../src/registry/index.js";
import {
  type FakeApiServer,
  type KubectlResult,
  kubectlRunner,
  startFakeApiServer,
} from "./discovery-kubectl-server.js";

// The real kubectl 1.32 (/usr/bin/kubectl, the gcloud dispatcher) against discovery and OpenAPI as this
// package serves them: it must list every resource, its short names, verbs and preferred version, and
// `apply -f` must reach the server with fieldValidation=Strict, proving the OpenAPI satisfies kubectl.

interface Row {
  readonly name: string;
  readonly shortNames: string;
  readonly apiVersion: string;
  readonly namespaced: string;
  readonly kind: string;
  readonly verbs?: string;
  readonly categories?: string;
}

/** Splits kubectl's column output by the header's column starts (empty cells are blanks). */
function parseTable(stdout: string): Row[] {
  const [header, ...lines] = stdout.trimEnd().split("\n");
  const starts = [...(header ?? "").matchAll(/\S+/g)].map((m) => m.index ?? 0);
  return lines.map((line) => {
    const cells = starts.map((s, i) => line.slice(s, starts[i + 1]).trim());
    return {
      name: cells[0] ?? "",
      shortNames: cells[1] ?? "",
      apiVersion: cells[2] ?? "",
      namespaced: cells[3] ?? "",
      kind: cells[4] ?? "",
      ...(cells.length > 5 ? { verbs: cells[5] ?? "", categories: cells[6] ?? "" } : {}),
    };
  });
}

function expectedRows(): Row[] {
  return RESOURCES.map((r) => {
    const version = preferredVersion(r.group) ?? "";
    return {
      name: r.resource,
      shortNames: r.shortNames.join(","),
      apiVersion: apiVersionOf(r.group, version),
      namespaced: String(r.namespaced),
      kind: r.kind,
      verbs: [...r.verbs].sort().join(","),
      categories: r.categories.join(","),
    };
  });
}

function byKey(rows: readonly Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [`${r.apiVersion} ${r.name}`, r]));
}

function ok(result: KubectlResult): KubectlResult {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

describe.each([
  { mode: "aggregated discovery", legacyDiscoveryOnly: false },
  { mode: "legacy discovery", legacyDiscoveryOnly: true },
])("kubectl 1.32 with $mode", ({ legacyDiscoveryOnly }) => {
  let server: FakeApiServer;
  let kubectl: ReturnType<typeof kubectlRunner>;

  beforeAll(async () => {
    server = await startFakeApiServer({ legacyDiscoveryOnly });
    kubectl = kubectlRunner(server.url);
  });
  afterAll(async () => {
    kubectl.cleanup();
    await server.close();
  });

  test("the dispatcher runs kubectl 1.32 and reports our server version", async () => {
    const result = ok(await kubectl.run(["version", "-o", "json"]));
    const parsed = JSON.parse(result.stdout) as {
      serverVersion: { major: string; minor: string; gitVersion: string };
    };
    expect(parsed.serverVersion).toMatchObject({ major: "1", minor: "32", gitVersion: "v1.32.0-tskube" });
  });

  test("api-versions lists every served group-version", async () => {
    const result = ok(await kubectl.run(["api-versions"]));
    const expected = groupVersions()
      .map((gv) => apiVersionOf(gv.group, gv.version))
      .sort();
    expect(result.stdout.trim().split("\n")).toEqual(expected);
  });

  test("api-resources lists every resource with short names, scope, kind and preferred version", async () => {
    server.requests.length = 0;
    const rows = parseTable(ok(await kubectl.run(["api-resources"])).stdout);
    const expected = expectedRows().map(({ verbs: _v, categories: _c, ...rest }) => rest);
    expect(rows).toHaveLength(expected.length);
    expect(byKey(rows)).toEqual(byKey(expected));
    // Legacy /api and /apis make kubectl fetch every group-version's resource list; aggregated ones do not.
    const perGroupVersion = server.requests
      .filter((r) => /^\/apis?\/[^?]+\?/.test(r.url))
      .map((r) => r.url.split("?")[0]);
    if (legacyDiscoveryOnly) {
      expect(new Set(perGroupVersion)).toEqual(
        new Set(
          groupVersions().map((gv) =>
            gv.group === "" ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`,
          ),
        ),
      );
    } else {
      expect(perGroupVersion).toEqual([]);
    }
  });

  test("api-resources -o wide adds the verbs and categories", async () => {
    const rows = parseTable(ok(await kubectl.run(["api-resources", "-o", "wide"])).stdout);
    expect(byKey(rows)).toEqual(byKey(expectedRows()));
  });

  test("api-resources --api-group=autoscaling shows only the preferred v2", async () => {
    const rows = parseTable(ok(await kubectl.run(["api-resources", "--api-group=autoscaling"])).stdout);
    expect(rows.map((r) => `${r.name} ${r.apiVersion}`)).toEqual(["horizontalpodautoscalers autoscaling/v2"]);
  });

  test("apply -f posts the Deployment with fieldValidation=Strict", async () => {
    const file = `${kubectl.dir}/deploy.yaml`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, DEPLOYMENT);
    server.requests.length = 0;
    const result = ok(await kubectl.run(["apply", "-f", file]));
    expect(result.stdout.trim()).toBe("deployment.apps/web created");

    const post = server.requests.find((r) => r.method === "POST");
    expect(post).toBeDefined();
    const url = new URL(post!.url, "http://x");
    expect(url.pathname).toBe("/apis/apps/v1/namespaces/default/deployments");
    expect(url.searchParams.get("fieldValidation")).toBe("Strict");
    expect(url.searchParams.get("fieldManager")).toBe("kubectl-client-side-apply");
    expect(JSON.parse(post!.body)).toMatchObject({ kind: "Deployment", metadata: { name: "web" } });
    // The decision came from OpenAPI v3; v2 was never needed.
    expect(server.requests.some((r) => r.url.startsWith("/openapi/v3/apis/apps/v1?hash="))).toBe(true);
    expect(server.requests.some((r) => r.url.startsWith("/openapi/v2"))).toBe(false);
  });

  test("explain finds the kind's schema in OpenAPI v3", async () => {
    const result = ok(await kubectl.run(["explain", "deployments"]));
    expect(result.stdout).toContain("KIND:       Deployment");
    expect(result.stdout).toContain("VERSION:    v1");
    expect(result.stdout).toMatch(/spec\s+<Object>/);
  });
});
