import type { Namespace } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { defaultNamespace, prepareNamespaceForCreate } from "../src/defaults/index.js";

describe("defaultNamespace", () => {
  it.each([
    ["no status", { metadata: { name: "dev" } }, "Active"],
    ["zero phase", { metadata: { name: "dev" }, status: { phase: "" } }, "Active"],
    ["terminating kept", { metadata: { name: "dev" }, status: { phase: "Terminating" } }, "Terminating"],
  ])("status.phase with %s → %s", (_name, ns, phase) => {
    expect(defaultNamespace(ns as Namespace).status?.phase).toBe(phase);
  });

  it("sets the name label, keeping other labels and overriding a wrong value", () => {
    const out = defaultNamespace({
      metadata: { name: "dev", labels: { team: "a", "kubernetes.io/metadata.name": "other" } },
    });
    expect(out.metadata?.labels).toEqual({ team: "a", "kubernetes.io/metadata.name": "dev" });
  });

  it("adds no label to a namespace that only has generateName", () => {
    expect(defaultNamespace({ metadata: { generateName: "ns-" } }).metadata?.labels).toBeUndefined();
  });

  it("does not mutate its input", () => {
    const input: Namespace = { metadata: { name: "dev", labels: { a: "b" } } };
    const before = structuredClone(input);
    defaultNamespace(input);
    prepareNamespaceForCreate(input);
    expect(input).toEqual(before);
  });
});

describe("prepareNamespaceForCreate", () => {
  it.each([
    ["none", undefined, ["kubernetes"]],
    ["other finalizer", ["example.com/x"], ["example.com/x", "kubernetes"]],
    ["already there", ["kubernetes"], ["kubernetes"]],
  ])("spec.finalizers with %s → %j", (_name, finalizers, expected) => {
    const ns: Namespace = { metadata: { name: "dev" }, ...(finalizers ? { spec: { finalizers } } : {}) };
    expect(prepareNamespaceForCreate(ns).spec?.finalizers).toEqual(expected);
  });

  it("resets status to Active", () => {
    const out = prepareNamespaceForCreate({ metadata: { name: "dev" }, status: { phase: "Terminating" } });
    expect(out.status).toEqual({ phase: "Active" });
  });
});
