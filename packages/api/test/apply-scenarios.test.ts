import { describe, expect, it } from "vitest";
import { serverSideApply } from "../src/apply/index.js";
import { ApiError } from "../src/errors.js";
import { at, deploymentSchema, entryOf, managedFields, stored, webDeployment } from "./apply-fixtures.js";

// Scenario scripts of `kubectl apply --server-side` against the field manager, checked against what the
// real API server answers (FieldsV1 layout, conflict texts, pruning).

const T1 = "2025-01-01T00:00:00Z";
const T2 = "2025-01-01T00:01:00Z";
const T3 = "2025-01-01T00:02:00Z";

function apply(live: object | undefined, applied: object, manager = "kubectl", force = false, now = T1) {
  return serverSideApply({
    live,
    applied,
    manager,
    force,
    schema: deploymentSchema,
    apiVersion: "apps/v1",
    now,
  }).object;
}

function conflictOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected a conflict");
}

const NGINX = 'k:{"name":"nginx"}';

describe("create by apply", () => {
  it("stores the applied object with one Apply entry owning exactly the applied fields", () => {
    const obj = apply(undefined, webDeployment());
    expect(at(obj, "spec.replicas")).toBe(3);
    expect(at(obj, "metadata.name")).toBe("web");
    expect(managedFields(obj)).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T1,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  [NGINX]: {
                    ".": {},
                    "f:env": {
                      'k:{"name":"A"}': { ".": {}, "f:name": {}, "f:value": {} },
                      'k:{"name":"B"}': { ".": {}, "f:name": {}, "f:value": {} },
                    },
                    "f:image": {},
                    "f:name": {},
                    "f:ports": {
                      'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('writes "." first, then elements in the API server\'s order', () => {
    const obj = apply(undefined, webDeployment());
    const container = at(
      managedFields(obj)[0]?.fieldsV1 ?? {},
      "f:spec.f:template.f:spec.f:containers",
    ) as Record<string, object>;
    expect(Object.keys(container[NGINX] ?? {})).toEqual([".", "f:env", "f:image", "f:name", "f:ports"]);
  });
});

describe("re-apply with fields removed (research §8 item 18)", () => {
  it("removes env B, adds C in the manifest's order, adds port 443, keeps unowned defaults", () => {
    let live = stored(apply(undefined, webDeployment()));
    // Defaults the server added after the first apply: owned by nobody, so never pruned.
    const c0 = at(live, "spec.template.spec.containers.0") as Record<string, unknown>;
    c0.imagePullPolicy = "IfNotPresent";
    (c0.ports as Record<string, unknown>[])[0] = { containerPort: 80, protocol: "TCP" };
    live = apply(
      live,
      webDeployment({
        image: "nginx:1.26",
        env: [
          { name: "C", value: "3" },
          { name: "A", value: "1" },
        ],
        ports: [{ containerPort: 80 }, { containerPort: 443 }],
      }),
      "kubectl",
      false,
      T2,
    );
    const c = at(live, "spec.template.spec.containers.0") as Record<string, unknown>;
    expect(c.env).toEqual([
      { name: "C", value: "3" },
      { name: "A", value: "1" },
    ]);
    expect(c.image).toBe("nginx:1.26");
    expect(c.imagePullPolicy).toBe("IfNotPresent");
    expect(c.ports).toEqual([{ containerPort: 80, protocol: "TCP" }, { containerPort: 443 }]);
    const env = at(
      entryOf(live, "kubectl")?.fieldsV1 ?? {},
      `f:spec.f:template.f:spec.f:containers.${NGINX}.f:env`,
    );
    expect(Object.keys(env as object)).toEqual(['k:{"name":"A"}', 'k:{"name":"C"}']);
    expect(entryOf(live, "kubectl")?.time).toBe(T2);
  });

  it("removes a whole list and a label the applier stops applying", () => {
    const first = webDeployment();
    const live = stored(
      apply(undefined, { ...first, metadata: { ...first.metadata, labels: { app: "web", tier: "fe" } } }),
    );
    const second = webDeployment();
    const c = second.spec.template.spec.containers[0] as Record<string, unknown>;
    delete c.env;
    const obj = apply(live, second);
    expect(at(obj, "spec.template.spec.containers.0.env")).toBeUndefined();
    expect(at(obj, "metadata.labels")).toEqual({ app: "web" });
    // Identity and bookkeeping metadata are never pruned.
    expect(at(obj, "metadata.uid")).toBe("uid-1");
    expect(at(obj, "metadata.name")).toBe("web");
  });

  it("leaves the object and the entry's time alone when nothing changes", () => {
    const live = stored(apply(undefined, webDeployment()));
    const obj = apply(live, webDeployment(), "kubectl", false, T2);
    expect(obj).toEqual(live);
    expect(entryOf(obj, "kubectl")?.time).toBe(T1);
  });
});

describe("conflicts between managers", () => {
  const base = () => stored(apply(undefined, webDeployment()));

  it("refuses a second applier changing a field the first owns, with the API server's texts", () => {
    const err = conflictOf(() =>
      apply(
        base(),
        { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 5 } },
        "hpa",
      ),
    );
    expect(err.code).toBe(409);
    expect(err.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      reason: "Conflict",
      code: 409,
      message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
      details: {
        causes: [
          { reason: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.replicas" },
        ],
      },
    });
  });

  it("lists several conflicts per manager", () => {
    const changed = webDeployment({ image: "nginx:1.27", replicas: 4 });
    const err = conflictOf(() => apply(base(), changed, "ci"));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(err.details?.causes?.map((c) => c.field)).toEqual([
      ".spec.replicas",
      '.spec.template.spec.containers[name="nginx"].image',
    ]);
  });

  it("force takes ownership; the former owner then conflicts itself", () => {
    const scale = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 5 },
    };
    const live = stored(apply(base(), scale, "hpa", true, T2));
    expect(at(live, "spec.replicas")).toBe(5);
    expect(entryOf(live, "hpa")?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(at(entryOf(live, "kubectl")?.fieldsV1 ?? {}, "f:spec.f:replicas")).toBeUndefined();
    const err = conflictOf(() => apply(live, webDeployment(), "kubectl", false, T3));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "hpa": .spec.replicas');
    // Dropping the field from the manifest resolves it: the value stays the hpa's.
    const manifest = webDeployment() as { spec: Record<string, unknown> };
    delete manifest.spec.replicas;
    expect(at(apply(live, manifest, "kubectl", false, T3), "spec.replicas")).toBe(5);
  });

  it("applying the same value shares ownership: no conflict, and the field survives either owner leaving", () => {
    const same = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 3 },
    };
    let live = stored(apply(base(), same, "ci", false, T2));
    expect(entryOf(live, "ci")?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(at(entryOf(live, "kubectl")?.fieldsV1 ?? {}, "f:spec.f:replicas")).toEqual({});
    const manifest = webDeployment() as { spec: Record<string, unknown> };
    delete manifest.spec.replicas;
    live = apply(live, manifest, "kubectl", false, T3);
    expect(at(live, "spec.replicas")).toBe(3);
    // The last owner stops applying it: now it goes.
    live = apply(
      live,
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } },
      "ci",
      false,
      T3,
    );
    expect(at(live, "spec.replicas")).toBeUndefined();
    expect(entryOf(live, "ci")).toBeUndefined();
  });
});

describe("list-maps and maps", () => {
  it("merges containers by name: another applier's container stays through kubectl's re-applies", () => {
    let live = stored(apply(undefined, webDeployment()));
    const sidecar = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { template: { spec: { containers: [{ name: "log", image: "busybox" }] } } },
    };
    live = apply(live, sidecar, "sidecar-injector", false, T2);
    expect((at(live, "spec.template.spec.containers") as { name: string }[]).map((c) => c.name)).toEqual([
      "nginx",
      "log",
    ]);
    live = apply(live, webDeployment({ image: "nginx:1.26" }), "kubectl", false, T3);
    expect((at(live, "spec.template.spec.containers") as { name: string }[]).map((c) => c.name)).toEqual([
      "nginx",
      "log",
    ]);
    expect(
      at(entryOf(live, "sidecar-injector")?.fieldsV1 ?? {}, "f:spec.f:template.f:spec.f:containers"),
    ).toEqual({
      'k:{"name":"log"}': { ".": {}, "f:image": {}, "f:name": {} },
    });
  });

  it("keys ports by containerPort and protocol, defaulting the protocol to TCP", () => {
    const obj = apply(
      undefined,
      webDeployment({ ports: [{ containerPort: 53, protocol: "UDP" }, { containerPort: 53 }] }),
    );
    const ports = at(
      managedFields(obj)[0]?.fieldsV1 ?? {},
      `f:spec.f:template.f:spec.f:containers.${NGINX}.f:ports`,
    );
    expect(Object.keys(ports as object)).toEqual([
      'k:{"containerPort":53,"protocol":"TCP"}',
      'k:{"containerPort":53,"protocol":"UDP"}',
    ]);
    // A port without protocol matches the stored TCP one, so naming it adds to that item, not a third.
    const named = apply(
      stored(obj),
      webDeployment({
        ports: [
          { containerPort: 53, protocol: "UDP" },
          { containerPort: 53, protocol: "TCP", name: "dns" },
        ],
      }),
      "kubectl",
      false,
      T2,
    );
    expect(at(named, "spec.template.spec.containers.0.ports")).toEqual([
      { containerPort: 53, protocol: "UDP" },
      { containerPort: 53, name: "dns", protocol: "TCP" },
    ]);
  });

  it("names a conflicting port by its keys", () => {
    const live = stored(
      apply(undefined, webDeployment({ ports: [{ containerPort: 80, name: "http" }] }), "kubectl"),
    );
    const rename = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        template: { spec: { containers: [{ name: "nginx", ports: [{ containerPort: 80, name: "web" }] }] } },
      },
    };
    expect(conflictOf(() => apply(live, rename, "other")).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl": .spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].name',
    );
  });

  it("merges labels key by key and removes only the applier's own", () => {
    const withTier = webDeployment();
    withTier.metadata.labels = { app: "web", tier: "frontend" } as typeof withTier.metadata.labels;
    let live = stored(apply(undefined, withTier));
    const team = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { team: "payments" } },
    };
    live = apply(live, team, "labeler", false, T2);
    expect(at(live, "metadata.labels")).toEqual({ app: "web", tier: "frontend", team: "payments" });
    live = apply(live, webDeployment(), "kubectl", false, T3);
    expect(at(live, "metadata.labels")).toEqual({ app: "web", team: "payments" });
  });

  it("replaces atomic values whole: the selector is owned as one field", () => {
    const live = stored(apply(undefined, webDeployment()));
    const other = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web", v: "2" } } },
    };
    expect(conflictOf(() => apply(live, other, "other")).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl": .spec.selector',
    );
    expect(at(apply(live, other, "other", true), "spec.selector")).toEqual({
      matchLabels: { app: "web", v: "2" },
    });
  });
});

describe("bad apply bodies", () => {
  it("rejects managedFields in the applied object", () => {
    const body = webDeployment() as { metadata: Record<string, unknown> };
    body.metadata.managedFields = [];
    expect(() => apply(undefined, body)).toThrow("metadata.managedFields must be nil");
  });

  it("rejects an object of another version or kind", () => {
    expect(() => apply(undefined, { ...webDeployment(), apiVersion: "apps/v1beta2" })).toThrow(
      "invalid object type: apps/v1beta2, Kind=Deployment",
    );
    const live = stored(apply(undefined, webDeployment()));
    expect(() => apply(live, { ...webDeployment(), kind: "StatefulSet" })).toThrow(
      "invalid object type: apps/v1, Kind=StatefulSet",
    );
  });

  it("rejects duplicate and keyless list-map items as the API server does", () => {
    const dup = webDeployment();
    dup.spec.template.spec.containers.push({ ...dup.spec.template.spec.containers[0]! });
    const err = conflictOf(() => apply(undefined, dup));
    expect(err.code).toBe(400);
    expect(err.message).toBe(
      'failed to create typed patch object (apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="nginx"]',
    );
    const keyless = webDeployment({ env: [{ value: "x" }] });
    expect(() => apply(undefined, keyless)).toThrow(
      '.spec.template.spec.containers[name="nginx"].env: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });
});
