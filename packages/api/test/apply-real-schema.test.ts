import { describe, expect, it } from "vitest";
import { recordUpdate, serverSideApply } from "../src/apply/index.js";
import { schemaFor } from "../src/schema/index.js";
import { at, entryOf, managedFields, stored, webDeployment } from "./apply-fixtures.js";

// The same scenarios against the schema package's real Deployment and Service schemas.

const deployment = schemaFor("apps", "Deployment");
const service = schemaFor("", "Service");

function apply(live: object | undefined, applied: object, manager = "kubectl", now = "2025-01-01T00:00:00Z") {
  return serverSideApply({
    live,
    applied,
    manager,
    force: false,
    schema: deployment,
    apiVersion: "apps/v1",
    now,
  }).object;
}

describe("with schemaFor", () => {
  it("has schemas for the kinds tested here", () => {
    expect(deployment).toBeDefined();
    expect(service).toBeDefined();
  });

  it("drops env B when the manifest drops it (research §8 item 18)", () => {
    const live = stored(apply(undefined, webDeployment()));
    const next = apply(
      live,
      webDeployment({ env: [{ name: "A", value: "1" }] }),
      "kubectl",
      "2025-01-01T00:01:00Z",
    );
    expect(at(next, "spec.template.spec.containers.0.env")).toEqual([{ name: "A", value: "1" }]);
    expect(
      Object.keys(
        at(
          entryOf(next, "kubectl")?.fieldsV1 ?? {},
          'f:spec.f:template.f:spec.f:containers.k:{"name":"nginx"}',
        ) as object,
      ),
    ).toEqual([".", "f:env", "f:image", "f:name", "f:ports"]);
  });

  it("owns struct fields implicitly and the selector atomically, like the API server", () => {
    const obj = apply(undefined, webDeployment());
    const spec = at(managedFields(obj)[0]?.fieldsV1 ?? {}, "f:spec") as Record<string, unknown>;
    expect(Object.keys(spec)).toEqual(["f:replicas", "f:selector", "f:template"]);
    expect(spec["f:selector"]).toEqual({});
    expect(at(spec, "f:template.f:metadata")).toEqual({ "f:labels": { "f:app": {} } });
  });

  it("keys service ports by port and protocol", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] },
    };
    const obj = serverSideApply({
      live: undefined,
      applied: svc,
      manager: "kubectl",
      force: false,
      schema: service,
      apiVersion: "v1",
      now: "2025-01-01T00:00:00Z",
    }).object;
    expect(at(managedFields(obj)[0]?.fieldsV1 ?? {}, "f:spec.f:ports")).toEqual({
      'k:{"port":80,"protocol":"TCP"}': { ".": {}, "f:port": {}, "f:targetPort": {} },
    });
  });

  it("records a status update against the real schema", () => {
    const live = stored(apply(undefined, webDeployment()));
    const after = structuredClone(live) as Record<string, unknown>;
    after.status = { replicas: 3, conditions: [{ type: "Available", status: "True" }] };
    const out = recordUpdate({
      before: live,
      after,
      manager: "kube-controller-manager",
      schema: deployment,
      apiVersion: "apps/v1",
      now: "2025-01-01T00:05:00Z",
      subresource: "status",
    });
    expect(entryOf(out, "kube-controller-manager")?.fieldsV1).toEqual({
      "f:status": {
        "f:conditions": {
          ".": {},
          'k:{"type":"Available"}': { ".": {}, "f:status": {}, "f:type": {} },
        },
        "f:replicas": {},
      },
    });
  });
});
