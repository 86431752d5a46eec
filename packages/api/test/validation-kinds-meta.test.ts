import type { ConfigMap } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { validateObject, validateStatusUpdate, validateUpdate } from "../src/validation/kinds/index.js";
import { causes, lines } from "./validation-kinds-fixtures.js";

function configMap(metadata: Record<string, unknown>): ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cfg", namespace: "default", ...metadata },
  };
}

const QUALIFIED =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("metadata on create", () => {
  it("accepts a valid object", () => {
    expect(validateObject("", "ConfigMap", configMap({}))).toEqual([]);
  });

  it("requires a name", () => {
    expect(causes(validateObject("", "ConfigMap", configMap({ name: undefined })))).toEqual([
      "FieldValueRequired/metadata.name/Required value: name or generateName is required",
    ]);
  });

  it("requires a namespace on namespaced kinds", () => {
    expect(lines(validateObject("", "ConfigMap", configMap({ namespace: undefined })))).toEqual([
      "metadata.namespace: Required value",
    ]);
  });

  it.each([
    ["", "Namespace"],
    ["", "Node"],
    ["", "PersistentVolume"],
    ["storage.k8s.io", "StorageClass"],
  ])("forbids a namespace on cluster-scoped %s/%s", (group, kind) => {
    const errs = lines(validateObject(group, kind, { metadata: { name: "x", namespace: "default" } }));
    expect(errs).toContain("metadata.namespace: Forbidden: not allowed on this type");
  });

  it("checks the namespace as a DNS label", () => {
    expect(lines(validateObject("", "ConfigMap", configMap({ namespace: "Bad" })))).toEqual([
      "metadata.namespace: Invalid value: \"Bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it("refuses a negative generation", () => {
    expect(lines(validateObject("", "ConfigMap", configMap({ generation: -1 })))).toEqual([
      "metadata.generation: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });

  it("checks labels and annotations", () => {
    expect(lines(validateObject("", "ConfigMap", configMap({ labels: { "a b": "x" } })))).toEqual([
      `metadata.labels: Invalid value: "a b": ${QUALIFIED}`,
    ]);
    expect(lines(validateObject("", "ConfigMap", configMap({ annotations: { "a/b/c": "x" } })))).toHaveLength(
      1,
    );
  });

  it("requires apiVersion, kind, name and uid of owner references, reported without an index", () => {
    expect(lines(validateObject("", "ConfigMap", configMap({ ownerReferences: [{}] })))).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
  });

  it("allows one controller reference only, and no Event owner", () => {
    const ref = (name: string) => ({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name,
      uid: name,
      controller: true,
    });
    const errs = lines(validateObject("", "ConfigMap", configMap({ ownerReferences: [ref("a"), ref("b")] })));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^metadata\.ownerReferences: Invalid value: .*: Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/a and ReplicaSet\/b$/,
    );
    const event = { apiVersion: "v1", kind: "Event", name: "e", uid: "1" };
    expect(lines(validateObject("", "ConfigMap", configMap({ ownerReferences: [event] })))[0]).toMatch(
      /: \/v1, Kind=Event is disallowed from being an owner$/,
    );
  });

  it("checks finalizers: qualified names, standard names for core kinds, no orphan with foreground", () => {
    expect(
      lines(
        validateObject("", "ConfigMap", configMap({ finalizers: ["example.com/cleanup", "kubernetes"] })),
      ),
    ).toEqual([]);
    expect(lines(validateObject("", "ConfigMap", configMap({ finalizers: ["cleanup"] })))).toEqual([
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    expect(lines(validateObject("", "ConfigMap", configMap({ finalizers: ["a b/c"] })))[0]).toMatch(
      /^metadata\.finalizers: Invalid value: "a b\/c": prefix part a lowercase RFC 1123 subdomain/,
    );
    expect(
      lines(validateObject("", "ConfigMap", configMap({ finalizers: ["orphan", "foregroundDeletion"] }))),
    ).toEqual([
      'metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
  });

  it("uses nameRuleFor for unknown kinds and checks nothing else", () => {
    expect(
      validateObject("example.com", "Widget", { metadata: { name: "w", namespace: "default" }, spec: 1 }),
    ).toEqual([]);
    expect(lines(validateObject("example.com", "Widget", { metadata: { name: "W" } }))[0]).toMatch(
      /^metadata\.name: Invalid value: "W": a lowercase RFC 1123 subdomain/,
    );
    expect(
      lines(validateObject("example.com", "Widget", { metadata: { name: "w" } }, { namespaced: true })),
    ).toEqual(["metadata.namespace: Required value"]);
  });

  it("survives bodies of the wrong shape", () => {
    expect(lines(validateObject("", "ConfigMap", null))).toEqual([
      "metadata.name: Required value: name or generateName is required",
      "metadata.namespace: Required value",
    ]);
    expect(() => validateObject("", "Pod", { metadata: "x", spec: { containers: "nope" } })).not.toThrow();
    expect(() => validateObject("apps", "Deployment", { spec: { template: 7, selector: [] } })).not.toThrow();
  });
});

describe("metadata on update", () => {
  const old = configMap({ resourceVersion: "5", uid: "u-1", creationTimestamp: "2024-01-01T00:00:00Z" });

  it("accepts an unchanged object", () => {
    expect(validateUpdate("", "ConfigMap", old, old)).toEqual([]);
  });

  it("requires a resourceVersion", () => {
    expect(
      lines(
        validateUpdate("", "ConfigMap", { ...old, metadata: { ...old.metadata, resourceVersion: "" } }, old),
      ),
    ).toEqual(['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
  });

  it("keeps name, namespace, uid and creationTimestamp", () => {
    const changed = {
      ...old,
      metadata: { ...old.metadata, name: "other", uid: "u-2", creationTimestamp: "2025-01-01T00:00:00Z" },
    };
    expect(lines(validateUpdate("", "ConfigMap", changed, old))).toEqual([
      'metadata.name: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u-2": field is immutable',
      'metadata.creationTimestamp: Invalid value: "2025-01-01T00:00:00Z": field is immutable',
    ]);
  });

  it("refuses a decremented generation", () => {
    const prev = { ...old, metadata: { ...old.metadata, generation: 3 } };
    const next = { ...old, metadata: { ...old.metadata, generation: 2 } };
    expect(lines(validateUpdate("", "ConfigMap", next, prev))).toEqual([
      "metadata.generation: Invalid value: 2: must not be decremented",
    ]);
  });

  it("refuses new finalizers once deletion started", () => {
    const deleting = {
      ...old,
      metadata: { ...old.metadata, deletionTimestamp: "2024-02-01T00:00:00Z", finalizers: ["kubernetes"] },
    };
    const next = {
      ...deleting,
      metadata: { ...deleting.metadata, finalizers: ["kubernetes", "example.com/x"] },
    };
    expect(lines(validateUpdate("", "ConfigMap", next, deleting))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}',
    ]);
  });

  it("applies to status updates and unknown kinds too", () => {
    const next = { ...old, metadata: { ...old.metadata, namespace: "other" } };
    expect(lines(validateStatusUpdate("", "ConfigMap", next, old))).toEqual([
      'metadata.namespace: Invalid value: "other": field is immutable',
    ]);
    expect(lines(validateUpdate("example.com", "Widget", next, old))).toEqual([
      'metadata.namespace: Invalid value: "other": field is immutable',
    ]);
  });
});
