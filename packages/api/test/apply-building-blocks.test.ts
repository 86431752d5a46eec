import { describe, expect, it } from "vitest";
import { FieldSet, fromFieldsV1, recordUpdate, serverSideApply, toFieldsV1 } from "../src/apply/index.js";
import { merge } from "../src/apply/merge.js";
import { fieldElement, keyElement, pathText, valueElement } from "../src/apply/path-element.js";
import { toFieldSet } from "../src/apply/to-field-set.js";
import type { FieldSchema } from "../src/schema/index.js";
import {
  at,
  deploymentSchema,
  entryOf,
  managedFields,
  objectMeta,
  stored,
  webDeployment,
} from "./apply-fixtures.js";

describe("FieldsV1", () => {
  const wire = {
    "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
    "f:spec": {
      "f:containers": {
        'k:{"name":"a"}': { ".": {}, "f:image": {} },
        'k:{"name":"b"}': {},
      },
      "f:finalizers": { 'v:"x"': {} },
    },
  };

  it("round-trips members, children and '.'", () => {
    expect(toFieldsV1(fromFieldsV1(wire))).toEqual(wire);
    const set = fromFieldsV1(wire);
    expect(set.has([fieldElement("metadata"), fieldElement("labels")])).toBe(true);
    expect(set.has([fieldElement("metadata")])).toBe(false);
    expect(
      set.has([fieldElement("spec"), fieldElement("containers"), keyElement([{ name: "name", value: "b" }])]),
    ).toBe(true);
  });

  it("canonicalises keys: fields sorted by name, compact JSON", () => {
    const set = fromFieldsV1({ 'k:{ "protocol": "TCP", "containerPort": 80 }': {} });
    expect(Object.keys(toFieldsV1(set))).toEqual(['k:{"containerPort":80,"protocol":"TCP"}']);
  });

  it("orders fields before keys before values, and values numbers < strings < booleans", () => {
    const set = FieldSet.of(
      [valueElement(true)],
      [valueElement("a")],
      [valueElement(2)],
      [keyElement([{ name: "n", value: "x" }])],
      [fieldElement("z")],
      [fieldElement("a")],
    );
    expect(Object.keys(toFieldsV1(set))).toEqual(["f:a", "f:z", 'k:{"n":"x"}', "v:2", 'v:"a"', "v:true"]);
  });

  it("rejects malformed input", () => {
    expect(() => fromFieldsV1({ "x:bad": {} })).toThrow();
    expect(() => fromFieldsV1({ "f:a": 1 })).toThrow();
  });

  it("prints paths as conflict messages do", () => {
    expect(
      pathText([
        fieldElement("spec"),
        fieldElement("ports"),
        keyElement([
          { name: "protocol", value: "TCP" },
          { name: "port", value: 80 },
        ]),
        fieldElement("name"),
      ]),
    ).toBe('.spec.ports[port=80,protocol="TCP"].name');
    expect(pathText([fieldElement("metadata"), fieldElement("finalizers"), valueElement("a")])).toBe(
      '.metadata.finalizers[="a"]',
    );
  });
});

describe("set operations", () => {
  const a = fromFieldsV1({ "f:x": {}, "f:y": { "f:z": {} } });
  const b = fromFieldsV1({ "f:y": { ".": {}, "f:z": {} } });
  it("difference keeps paths below a member of the other set (as structured-merge-diff)", () => {
    expect(toFieldsV1(a.difference(b))).toEqual({ "f:x": {} });
    expect(toFieldsV1(b.difference(a))).toEqual({ "f:y": {} });
  });
  it("union and intersection", () => {
    expect(toFieldsV1(a.union(b))).toEqual({ "f:x": {}, "f:y": { ".": {}, "f:z": {} } });
    expect(toFieldsV1(a.intersection(b))).toEqual({ "f:y": { "f:z": {} } });
  });
});

describe("ownership of an applied object", () => {
  it("owns map entries but not struct fields themselves; list items with '.'", () => {
    const set = toFieldSet(
      { metadata: { name: "x", labels: { a: "1" }, finalizers: ["f1"] } },
      { fields: { metadata: objectMeta } },
    );
    expect(toFieldsV1(set)).toEqual({
      "f:metadata": { "f:finalizers": { 'v:"f1"': {} }, "f:labels": { "f:a": {} }, "f:name": {} },
    });
  });

  it("without a schema, every map entry is owned and lists are atomic", () => {
    expect(toFieldsV1(toFieldSet({ spec: { a: { b: 1 }, l: [1, 2] } }, undefined))).toEqual({
      "f:spec": { ".": {}, "f:a": { ".": {}, "f:b": {} }, "f:l": {} },
    });
  });

  it("keys lists that only declare the 'merge' patch strategy by their merge key", () => {
    const obj = serverSideApply({
      live: undefined,
      applied: {
        ...webDeployment(),
        spec: { template: { spec: { imagePullSecrets: [{ name: "regcred" }] } } },
      },
      manager: "m",
      force: false,
      schema: deploymentSchema,
      apiVersion: "apps/v1",
      now: "2025-01-01T00:00:00Z",
    }).object;
    expect(at(managedFields(obj)[0]?.fieldsV1 ?? {}, "f:spec.f:template.f:spec.f:imagePullSecrets")).toEqual({
      'k:{"name":"regcred"}': { ".": {}, "f:name": {} },
    });
  });
});

describe("merging", () => {
  const listMap: FieldSchema = { items: { fields: { n: {}, v: {} } }, listType: "map", listMapKeys: ["n"] };
  const names = (v: unknown) => (v as { n: string }[]).map((x) => x.n).join("");

  it("orders shared items as the configuration does and keeps live-only items in place", () => {
    const live = ["a", "b", "c", "d"].map((n) => ({ n }));
    expect(names(merge(live, [{ n: "d" }, { n: "b" }], listMap))).toBe("acdb");
    expect(names(merge(live, [{ n: "x" }, { n: "c" }, { n: "y" }], listMap))).toBe("abxcdy");
    expect(names(merge(live, [{ n: "z" }], listMap))).toBe("abcdz");
  });

  it("merges set items by value and replaces atomic lists whole", () => {
    expect(merge(["a", "b"], ["c", "a"], { items: {}, listType: "set" })).toEqual(["c", "a", "b"]);
    expect(merge(["a", "b"], ["c"], { items: {} })).toEqual(["c"]);
  });

  it("leaves live content alone where the configuration has null for a map", () => {
    expect(merge({ m: { a: "1" } }, { m: null }, { fields: { m: { values: {} } } })).toEqual({
      m: { a: "1" },
    });
  });

  it("drops nulls from the applied result (Go's typed objects do)", () => {
    const applied = webDeployment() as { spec: Record<string, unknown> };
    applied.spec.paused = null;
    const obj = serverSideApply({
      live: undefined,
      applied,
      manager: "kubectl",
      force: false,
      schema: deploymentSchema,
      apiVersion: "apps/v1",
      now: "2025-01-01T00:00:00Z",
    }).object;
    expect(Object.hasOwn(at(obj, "spec") as object, "paused")).toBe(false);
  });
});

describe("managedFields order", () => {
  it("lists Apply entries first, then Update entries oldest first", () => {
    const run = (live: object | undefined, applied: object, manager: string, now: string) =>
      serverSideApply({
        live,
        applied,
        manager,
        force: true,
        schema: deploymentSchema,
        apiVersion: "apps/v1",
        now,
      }).object;
    const meta = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } };
    let obj = stored(run(undefined, webDeployment(), "zeta", "2025-01-01T00:00:09Z"));
    obj = run(obj, { ...meta, spec: { replicas: 1 } }, "alpha", "2025-01-01T00:00:05Z");
    expect(managedFields(obj).map((e) => e.manager)).toEqual(["alpha", "zeta"]);
    expect(entryOf(obj, "zeta")?.time).toBe("2025-01-01T00:00:09Z");
  });
});

describe("ignored (reset) fields", () => {
  it("recursiveDifference drops everything below a member of the other set", () => {
    const a = fromFieldsV1({ "f:status": { "f:replicas": {} }, "f:spec": { "f:x": {} } });
    const ignored = fromFieldsV1({ "f:status": {} });
    expect(toFieldsV1(a.recursiveDifference(ignored))).toEqual({ "f:spec": { "f:x": {} } });
    expect(toFieldsV1(a.difference(ignored))).toEqual(toFieldsV1(a));
  });

  it("an applier never owns status through the main resource, so the controller never conflicts with it", () => {
    const withStatus = { ...webDeployment(), status: { replicas: 1 } };
    const obj = serverSideApply({
      live: undefined,
      applied: withStatus,
      manager: "kubectl",
      force: false,
      schema: deploymentSchema,
      apiVersion: "apps/v1",
      now: "2025-01-01T00:00:00Z",
      ignoredFields: [["status"]],
    }).object;
    expect(at(managedFields(obj)[0]?.fieldsV1 ?? {}, "f:status")).toBeUndefined();
    // The controller writes status through /status; re-applying a manifest that carries a stale status
    // conflicts with it only if status is not ignored.
    const live = stored(obj);
    const withController = recordUpdate({
      before: live,
      after: { ...live, status: { replicas: 3 } },
      manager: "kube-controller-manager",
      schema: deploymentSchema,
      apiVersion: "apps/v1",
      now: "2025-01-01T00:01:00Z",
      subresource: "status",
    });
    const reapply = (ignoredFields?: string[][]) =>
      serverSideApply({
        live: withController,
        applied: withStatus,
        manager: "kubectl",
        force: false,
        schema: deploymentSchema,
        apiVersion: "apps/v1",
        now: "2025-01-01T00:02:00Z",
        ...(ignoredFields === undefined ? {} : { ignoredFields }),
      });
    expect(() => reapply()).toThrow(
      'Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "status" using apps/v1: .status.replicas',
    );
    expect(() => reapply([["status"]])).not.toThrow();
  });
});
