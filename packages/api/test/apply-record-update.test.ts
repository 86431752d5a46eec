import { describe, expect, it } from "vitest";
import { recordUpdate, serverSideApply } from "../src/apply/index.js";
import { ApiError } from "../src/errors.js";
import {
  at,
  configMapSchema,
  deploymentSchema,
  entryOf,
  managedFields,
  stored,
  webDeployment,
} from "./apply-fixtures.js";

// Ordinary writes (create, update, patch, subresources) recorded as "Update" managers, and how they meet
// server-side apply.

const T1 = "2025-01-01T00:00:00Z";
const T2 = "2025-01-01T00:01:00Z";
const T3 = "2025-01-01T00:02:00Z";
const NGINX = 'k:{"name":"nginx"}';

/** The stored deployment as the tests edit it. */
type Doc = ReturnType<typeof webDeployment> & { metadata: Record<string, unknown> };

function update(
  before: object | undefined,
  after: object,
  manager: string,
  now: string,
  subresource?: string,
): Doc {
  return recordUpdate({
    before,
    after,
    manager,
    schema: deploymentSchema,
    apiVersion: "apps/v1",
    now,
    ...(subresource === undefined ? {} : { subresource }),
  }) as Doc;
}

function apply(live: object | undefined, applied: object, manager: string, now: string, force = false): Doc {
  return serverSideApply({
    live,
    applied,
    manager,
    force,
    schema: deploymentSchema,
    apiVersion: "apps/v1",
    now,
  }).object as Doc;
}

function edited<T extends object>(obj: T, change: (o: T) => void): T {
  const copy = structuredClone(obj);
  change(copy);
  return copy;
}

describe("create and update", () => {
  it("records a create as an Update entry: new maps and items get '.', top-level structs and identity do not", () => {
    const created = update(undefined, stored(webDeployment()), "kubectl-create", T1);
    expect(managedFields(created)).toEqual([
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T1,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              ".": {},
              "f:metadata": { ".": {}, "f:labels": { ".": {}, "f:app": {} } },
              "f:spec": {
                ".": {},
                "f:containers": {
                  ".": {},
                  [NGINX]: {
                    ".": {},
                    "f:env": {
                      ".": {},
                      'k:{"name":"A"}': { ".": {}, "f:name": {}, "f:value": {} },
                      'k:{"name":"B"}': { ".": {}, "f:name": {}, "f:value": {} },
                    },
                    "f:image": {},
                    "f:name": {},
                    "f:ports": {
                      ".": {},
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

  it("moves changed fields to the writer, keeps its entry's time when a write changes nothing", () => {
    const created = update(undefined, stored(webDeployment()), "kubectl-create", T1);
    const scaled = update(
      created,
      edited(created, (o) => (o.spec.replicas = 5)),
      "kubectl-scale",
      T2,
    );
    expect(entryOf(scaled, "kubectl-scale")?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(at(entryOf(scaled, "kubectl-create")?.fieldsV1 ?? {}, "f:spec.f:replicas")).toBeUndefined();
    // Only bookkeeping changes (resourceVersion): no entry for the writer, nobody's time moves.
    const touched = update(
      scaled,
      edited(scaled, (o) => ((o.metadata as Record<string, unknown>).resourceVersion = "9")),
      "noop",
      T3,
    );
    expect(entryOf(touched, "noop")).toBeUndefined();
    expect(managedFields(touched).map((e) => e.time)).toEqual([T1, T2]);
  });

  it("removes deleted fields from every manager and drops managers left with nothing", () => {
    const created = update(undefined, stored(webDeployment()), "kubectl-create", T1);
    const scaled = update(
      created,
      edited(created, (o) => (o.spec.replicas = 5)),
      "kubectl-scale",
      T2,
    );
    const unscaled = update(
      scaled,
      edited(scaled, (o) => delete (o.spec as { replicas?: number }).replicas),
      "kubectl-edit",
      T3,
    );
    expect(entryOf(unscaled, "kubectl-scale")).toBeUndefined();
    expect(entryOf(unscaled, "kubectl-edit")).toBeUndefined();
    expect(managedFields(unscaled).map((e) => e.manager)).toEqual(["kubectl-create"]);
  });

  it("records status writes under their subresource", () => {
    const created = update(undefined, stored(webDeployment()), "kubectl-create", T1);
    const status = update(
      created,
      edited(created, (o) => Object.assign(o, { status: { replicas: 3, readyReplicas: 3 } })),
      "kube-controller-manager",
      T2,
      "status",
    );
    expect(entryOf(status, "kube-controller-manager")).toEqual({
      manager: "kube-controller-manager",
      operation: "Update",
      apiVersion: "apps/v1",
      time: T2,
      fieldsType: "FieldsV1",
      // No "." for status: Go objects always have the struct, so only its fields are new.
      fieldsV1: { "f:status": { "f:readyReplicas": {}, "f:replicas": {} } },
      subresource: "status",
    });
  });

  it("keeps at most ten Update entries, folding the oldest into ancient-changes", () => {
    let obj: object = recordUpdate({
      before: undefined,
      after: stored({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { base: "v" } }),
      manager: "creator",
      schema: configMapSchema,
      apiVersion: "v1",
      now: T1,
    });
    for (let i = 0; i < 11; i++) {
      const time = `2025-01-01T01:${String(i).padStart(2, "0")}:00Z`;
      obj = recordUpdate({
        before: obj,
        after: edited(obj, (o) =>
          Object.assign(o, { data: { ...(at(o, "data") as object), [`k${i}`]: "v" } }),
        ),
        manager: `writer-${i}`,
        schema: configMapSchema,
        apiVersion: "v1",
        now: time,
      });
    }
    const entries = managedFields(obj);
    expect(entries).toHaveLength(10);
    // Twelve updaters (the creator and eleven writers): the oldest fold into one bucket per version,
    // which takes the time of the newest update folded into it.
    expect(entries[0]).toEqual({
      manager: "ancient-changes",
      operation: "Update",
      apiVersion: "v1",
      time: "2025-01-01T01:01:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:data": { ".": {}, "f:base": {}, "f:k0": {}, "f:k1": {} } },
    });
    expect(entries.slice(1).map((e) => e.manager)).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => `writer-${i}`),
    );
  });
});

describe("managedFields sent by the client", () => {
  it("lets a client rewrite ownership, and clear it with [{}]", () => {
    const created = update(undefined, stored(webDeployment()), "kubectl-create", T1);
    const rewritten = edited(created, (o) => {
      const entries = managedFields(o);
      (o.metadata as Record<string, unknown>).managedFields = entries.map((e) => ({
        ...e,
        manager: "renamed",
      }));
    });
    expect(managedFields(update(created, rewritten, "x", T2)).map((e) => e.manager)).toEqual(["renamed"]);
    const reset = edited(created, (o) => {
      (o.metadata as Record<string, unknown>).managedFields = [{}];
      o.spec.replicas = 9;
    });
    // As on the API server, the reset leaves no managedFields, and updates stay untracked until an apply.
    const cleared = update(created, reset, "resetter", T2);
    expect(at(cleared, "metadata.managedFields")).toBeUndefined();
    expect(at(cleared, "spec.replicas")).toBe(9);
    const next = update(
      cleared,
      edited(cleared, (o) => (o.spec.replicas = 2)),
      "kubectl-scale",
      T3,
    );
    expect(at(next, "metadata.managedFields")).toBeUndefined();
    const applied = apply(next, webDeployment(), "kubectl", T3);
    expect(managedFields(applied).map((e) => e.manager)).toEqual(["kubectl"]);
  });

  it("does not track updates to an existing object without managedFields (as the API server)", () => {
    const legacy = stored(webDeployment());
    const out = update(
      legacy,
      edited(legacy, (o) => (o.spec.replicas = 4)),
      "kubectl-edit",
      T2,
    );
    expect(at(out, "metadata.managedFields")).toBeUndefined();
    expect(at(out, "spec.replicas")).toBe(4);
  });

  it("ignores managedFields sent through a subresource", () => {
    const created = update(undefined, stored(webDeployment()), "kubectl-create", T1);
    const tampered = edited(created, (o) => {
      (o.metadata as Record<string, unknown>).managedFields = [];
      Object.assign(o, { status: { replicas: 1 } });
    });
    const out = update(created, tampered, "kcm", T2, "status");
    expect(managedFields(out).map((e) => e.manager)).toEqual(["kubectl-create", "kcm"]);
  });
});

describe("updates meeting server-side apply", () => {
  it("kubectl edit takes the image; applying another image then conflicts with it", () => {
    const live = stored(apply(undefined, webDeployment(), "kubectl", T1));
    const after = update(
      live,
      edited(live, (o) => ((o.spec.template.spec.containers[0] as { image: string }).image = "nginx:edited")),
      "kubectl-edit",
      T2,
    );
    expect(entryOf(after, "kubectl-edit")?.fieldsV1).toEqual({
      "f:spec": { "f:template": { "f:spec": { "f:containers": { [NGINX]: { "f:image": {} } } } } },
    });
    expect(managedFields(after).map((e) => `${e.operation}/${e.manager}`)).toEqual([
      "Apply/kubectl",
      "Update/kubectl-edit",
    ]);
    let conflict: unknown;
    try {
      apply(after, webDeployment({ image: "nginx:1.27" }), "kubectl", T3);
    } catch (err) {
      conflict = err;
    }
    expect(conflict).toBeInstanceOf(ApiError);
    expect((conflict as ApiError).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.template.spec.containers[name="nginx"].image',
    );
    // Re-applying the manifest unchanged also conflicts: the edit changed a field kubectl applies.
    expect(() => apply(after, webDeployment(), "kubectl", T3)).toThrow(
      /conflict with "kubectl-edit" using apps\/v1/,
    );
    // Adopting the edited value shares the field; forcing takes it back.
    const adopted = apply(after, webDeployment({ image: "nginx:edited" }), "kubectl", T3);
    expect(entryOf(adopted, "kubectl-edit")).toBeDefined();
    const forced = apply(after, webDeployment({ image: "nginx:1.27" }), "kubectl", T3, true);
    expect(entryOf(forced, "kubectl-edit")).toBeUndefined();
    expect(at(forced, "spec.template.spec.containers.0.image")).toBe("nginx:1.27");
  });

  it("prunes a field an applier dropped even if an updater changed something inside it", () => {
    const live = stored(apply(undefined, webDeployment(), "kubectl", T1));
    const after = update(
      live,
      edited(live, (o) => {
        const env = (o.spec.template.spec.containers[0] as { env: { name: string; value: string }[] }).env;
        (env[1] as { value: string }).value = "changed";
      }),
      "kubectl-edit",
      T2,
    );
    const out = apply(after, webDeployment({ env: [{ name: "A", value: "1" }] }), "kubectl", T3);
    expect(at(out, "spec.template.spec.containers.0.env")).toEqual([{ name: "A", value: "1" }]);
    expect(entryOf(out, "kubectl-edit")).toBeUndefined();
  });
});

describe("from client-side to server-side apply", () => {
  const LAST = "kubectl.kubernetes.io/last-applied-configuration";

  function clientSideApplied() {
    const manifest = webDeployment();
    const annotated = {
      ...manifest,
      metadata: {
        ...manifest.metadata,
        annotations: {
          [LAST]: `${JSON.stringify({ ...manifest, metadata: { ...manifest.metadata, annotations: {} } })}\n`,
        },
      },
    };
    return update(undefined, stored(annotated), "kubectl-client-side-apply", T1);
  }

  it('lets "kubectl" change fields it set with client-side apply, and refreshes the annotation', () => {
    const live = clientSideApplied();
    const out = apply(live, webDeployment({ replicas: 4 }), "kubectl", T2);
    expect(at(out, "spec.replicas")).toBe(4);
    const annotation = (at(out, "metadata.annotations") as Record<string, string>)[LAST] ?? "";
    expect(annotation.endsWith("\n")).toBe(true);
    expect(JSON.parse(annotation)).toEqual(webDeployment({ replicas: 4 }));
    expect(annotation.startsWith('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels"')).toBe(
      true,
    );
  });

  it("still conflicts for other managers, and for fields changed since the client-side apply", () => {
    const live = clientSideApplied();
    expect(() => apply(live, webDeployment({ replicas: 4 }), "ci", T2)).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    const scaled = update(
      live,
      edited(live, (o) => (o.spec.replicas = 7)),
      "kubectl-scale",
      T2,
    );
    expect(() => apply(scaled, webDeployment({ replicas: 4 }), "kubectl", T3)).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas',
    );
  });
});
