import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
  openApiAnswer,
  openApiV3Document,
  openApiV3Root,
  servedV3Documents,
  swaggerDocument,
} from "../src/openapi/index.js";
import { groupVersions } from "../src/registry/index.js";

type Json = Record<string, unknown>;
const asJson = (v: unknown): Json => v as Json;

interface PatchOp {
  path: string;
  op: Json;
}

function patchOps(doc: { paths: Readonly<Record<string, Readonly<Record<string, unknown>>>> }): PatchOp[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    item.patch === undefined ? [] : [{ path, op: asJson(item.patch) }],
  );
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, out);
  else if (typeof node === "object" && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe("OpenAPI v3 root", () => {
  test("one document per served group-version, addressed with the SHA-512 of its bytes", () => {
    const root = openApiV3Root();
    const expected = groupVersions().map((gv) =>
      gv.group === "" ? `api/${gv.version}` : `apis/${gv.group}/${gv.version}`,
    );
    expect(Object.keys(root.paths).sort()).toEqual([...expected].sort());
    for (const [key, doc] of servedV3Documents()) {
      const hash = createHash("sha512").update(doc.body).digest("hex").toUpperCase();
      expect(doc.hash).toBe(hash);
      expect(root.paths[key]?.serverRelativeURL).toBe(`/openapi/v3/${key}?hash=${hash}`);
    }
  });
});

describe("OpenAPI v3 documents", () => {
  test("the Deployment PATCH kubectl looks for", () => {
    const doc = openApiV3Document("apps", "v1");
    const op = asJson(doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?.patch);
    expect(op["x-kubernetes-group-version-kind"]).toEqual({
      group: "apps",
      version: "v1",
      kind: "Deployment",
    });
    expect(op["x-kubernetes-action"]).toBe("patch");
    expect(op.operationId).toBe("patchAppsV1NamespacedDeployment");
    const params = (op.parameters as Json[]).map((p) => `${String(p.in)}:${String(p.name)}`);
    expect(params).toEqual(["query:dryRun", "query:fieldManager", "query:fieldValidation", "query:force"]);
    expect(Object.keys(asJson(asJson(op.requestBody).content))).toEqual([
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/apply-patch+yaml",
    ]);
  });

  test("every PATCH in every document names its kind and takes fieldValidation and dryRun", () => {
    for (const { group, version } of groupVersions()) {
      for (const { path, op } of patchOps(openApiV3Document(group, version))) {
        const gvk = asJson(op["x-kubernetes-group-version-kind"]);
        expect(typeof gvk.kind, path).toBe("string");
        const names = (op.parameters as Json[]).filter((p) => p.in === "query").map((p) => p.name);
        expect(names, path).toContain("fieldValidation");
        expect(names, path).toContain("dryRun");
      }
    }
  });

  test("status and scale PATCHes carry their response kinds", () => {
    const core = openApiV3Document("", "v1");
    expect(
      asJson(core.paths["/api/v1/namespaces/{namespace}/pods/{name}/status"]?.patch)[
        "x-kubernetes-group-version-kind"
      ],
    ).toEqual({
      group: "",
      version: "v1",
      kind: "Pod",
    });
    const apps = openApiV3Document("apps", "v1");
    expect(
      asJson(apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]?.patch)[
        "x-kubernetes-group-version-kind"
      ],
    ).toEqual({ group: "autoscaling", version: "v1", kind: "Scale" });
    const hpaV1 = openApiV3Document("autoscaling", "v1");
    expect(
      asJson(
        hpaV1.paths["/apis/autoscaling/v1/namespaces/{namespace}/horizontalpodautoscalers/{name}"]?.patch,
      )["x-kubernetes-group-version-kind"],
    ).toEqual({ group: "autoscaling", version: "v1", kind: "HorizontalPodAutoscaler" });
  });

  test("strategic merge patch is never advertised (no real schemas back it)", () => {
    for (const doc of servedV3Documents().values()) expect(doc.body).not.toContain("strategic-merge-patch");
    expect(JSON.stringify(swaggerDocument())).not.toContain("strategic-merge-patch");
  });

  test("operation ids are unique and every $ref resolves inside its document", () => {
    for (const { group, version } of groupVersions()) {
      const doc = openApiV3Document(group, version);
      const ids = Object.values(doc.paths).flatMap((item) =>
        Object.entries(item)
          .filter(([k]) => k !== "parameters")
          .map(([, op]) => asJson(op).operationId),
      );
      expect(new Set(ids).size).toBe(ids.length);
      for (const r of collectRefs(doc)) {
        expect(r.startsWith("#/components/schemas/")).toBe(true);
        expect(doc.components.schemas[r.slice("#/components/schemas/".length)], r).toBeDefined();
      }
    }
  });

  test("collections, the all-namespaces list, create-only reviews and read-only metrics", () => {
    const core = openApiV3Document("", "v1");
    expect(Object.keys(core.paths["/api/v1/namespaces/{namespace}/pods"] ?? {}).sort()).toEqual(
      ["delete", "get", "parameters", "post"].sort(),
    );
    expect(Object.keys(core.paths["/api/v1/pods"] ?? {}).sort()).toEqual(["get", "parameters"]);
    expect(Object.keys(core.paths["/api/v1/namespaces/{namespace}/services"] ?? {}).sort()).toEqual(
      ["get", "parameters", "post"].sort(),
    );
    const authz = openApiV3Document("authorization.k8s.io", "v1");
    expect(Object.keys(authz.paths)).toEqual(["/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"]);
    const metrics = openApiV3Document("metrics.k8s.io", "v1beta1");
    expect(patchOps(metrics)).toEqual([]);
  });

  test("component schemas carry the kind's group-version-kind (kubectl explain finds them by it)", () => {
    const schemas = openApiV3Document("apps", "v1").components.schemas;
    expect(schemas["io.k8s.api.apps.v1.Deployment"]?.["x-kubernetes-group-version-kind"]).toEqual([
      { group: "apps", kind: "Deployment", version: "v1" },
    ]);
    expect(schemas["io.k8s.api.autoscaling.v1.Scale"]).toBeDefined();
    expect(schemas["io.k8s.api.apps.v1.DeploymentList"]?.required).toEqual(["items"]);
  });
});

describe("openApiAnswer", () => {
  const get = (path: string, extra: { hash?: string; accept?: string } = {}) =>
    openApiAnswer({ method: "GET", path, ...extra });

  test("the root and a document with its current hash (cacheable forever)", () => {
    const root = get("/openapi/v3");
    expect(root?.status).toBe(200);
    const url = JSON.parse(String(root?.body)).paths["apis/apps/v1"].serverRelativeURL as string;
    const hash = new URL(url, "http://x").searchParams.get("hash") ?? "";
    const doc = get("/openapi/v3/apis/apps/v1", { hash });
    expect(doc?.status).toBe(200);
    expect(doc?.headers["cache-control"]).toBe("public, immutable");
    expect(doc?.headers.etag).toBe(`"${hash}"`);
    expect(JSON.parse(String(doc?.body)).openapi).toBe("3.0.0");
  });

  test("a stale hash is redirected, no hash is served uncached, unknown group-versions are 404", () => {
    const stale = get("/openapi/v3/apis/apps/v1", { hash: "ABC" });
    expect(stale?.status).toBe(301);
    expect(stale?.headers.location).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const plain = get("/openapi/v3/api/v1");
    expect(plain?.status).toBe(200);
    expect(plain?.headers["cache-control"]).toBeUndefined();
    expect(get("/openapi/v3/apis/batch/v1")?.status).toBe(404);
  });

  test("v2: an empty protobuf document for kubectl, Swagger JSON otherwise", () => {
    for (const accept of [
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
      "application/com.github.proto-openapi.spec.v2.v1.0+protobuf, application/json",
    ]) {
      const proto = get("/openapi/v2", { accept });
      expect(proto?.status).toBe(200);
      expect(proto?.headers["content-type"]).toBe(OPENAPI_V2_PROTOBUF_CONTENT_TYPE);
      expect(proto?.body).toEqual(new Uint8Array(0));
    }
    const json = get("/openapi/v2", { accept: "application/json" });
    expect(json?.headers["content-type"]).toBe("application/json");
    const swagger = JSON.parse(String(json?.body));
    expect(swagger.swagger).toBe("2.0");
    const patch = swagger.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"].patch;
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({
      group: "apps",
      kind: "Deployment",
      version: "v1",
    });
    expect(patch.parameters.map((p: Json) => p.name)).toContain("fieldValidation");
    expect(get("/openapi/v2")?.headers["content-type"]).toBe("application/json");
  });

  test("other paths fall through, writes are refused", () => {
    expect(get("/openapi")).toBeUndefined();
    expect(get("/api/v1")).toBeUndefined();
    expect(openApiAnswer({ method: "PUT", path: "/openapi/v3" })?.status).toBe(405);
  });
});
