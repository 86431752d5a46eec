import { describe, expect, test } from "vitest";
import { ApiError } from "../src/errors.js";
import {
  findResource,
  parseStorageKey,
  RESOURCES,
  storageKey,
  storagePrefix,
} from "../src/registry/index.js";

const r = (group: string, version: string, resource: string) => findResource(group, version, resource)!;

describe("storageKey: Kubernetes' etcd layout", () => {
  test.each([
    ["", "v1", "pods", "default", "web-1", "/registry/pods/default/web-1"],
    ["", "v1", "services", "default", "web", "/registry/services/specs/default/web"],
    ["", "v1", "endpoints", "default", "web", "/registry/services/endpoints/default/web"],
    ["", "v1", "nodes", undefined, "node-1", "/registry/minions/node-1"],
    ["", "v1", "namespaces", undefined, "kube-system", "/registry/namespaces/kube-system"],
    ["", "v1", "persistentvolumes", undefined, "pv-1", "/registry/persistentvolumes/pv-1"],
    ["", "v1", "configmaps", "ns", "cm", "/registry/configmaps/ns/cm"],
    ["apps", "v1", "deployments", "default", "web", "/registry/deployments/default/web"],
    ["apps", "v1", "replicasets", "default", "web-abc", "/registry/replicasets/default/web-abc"],
    [
      "autoscaling",
      "v1",
      "horizontalpodautoscalers",
      "default",
      "web",
      "/registry/horizontalpodautoscalers/default/web",
    ],
    ["coordination.k8s.io", "v1", "leases", "kube-node-lease", "n1", "/registry/leases/kube-node-lease/n1"],
    ["discovery.k8s.io", "v1", "endpointslices", "default", "s", "/registry/endpointslices/default/s"],
    ["storage.k8s.io", "v1", "storageclasses", undefined, "standard", "/registry/storageclasses/standard"],
  ])("%s/%s %s %s/%s → %s", (group, version, resource, ns, name, key) => {
    expect(storageKey(r(group, version, resource), ns, name)).toBe(key);
  });

  test("prefixes end in a slash so one namespace never matches another by prefix", () => {
    expect(storagePrefix(r("", "v1", "pods"))).toBe("/registry/pods/");
    expect(storagePrefix(r("", "v1", "pods"), "default")).toBe("/registry/pods/default/");
    expect(storagePrefix(r("", "v1", "services"), "")).toBe("/registry/services/specs/");
    expect(storagePrefix(r("", "v1", "nodes"))).toBe("/registry/minions/");
  });

  test("scope mistakes and virtual resources are internal errors", () => {
    expect(() => storageKey(r("", "v1", "nodes"), "default", "n")).toThrow(ApiError);
    expect(() => storageKey(r("", "v1", "pods"), undefined, "p")).toThrow(ApiError);
    expect(() => storagePrefix(r("", "v1", "namespaces"), "default")).toThrow(ApiError);
    expect(() => storagePrefix(r("metrics.k8s.io", "v1beta1", "pods"))).toThrow(/no storage key/);
  });

  test("parseStorageKey inverts storageKey for every stored resource", () => {
    for (const info of RESOURCES.filter((i) => i.storage === "store")) {
      const ns = info.namespaced ? "team-a" : undefined;
      const parsed = parseStorageKey(storageKey(info, ns, "obj-1"));
      expect(parsed?.info).toBe(info);
      expect(parsed?.namespace).toBe(ns ?? "");
      expect(parsed?.name).toBe("obj-1");
    }
    expect(parseStorageKey("/registry/pods/default")).toBeUndefined();
    expect(parseStorageKey("/registry/unknown/x")).toBeUndefined();
    expect(parseStorageKey("/registry/services/specs/default/web")?.info.resource).toBe("services");
    expect(parseStorageKey("/registry/services/endpoints/default/web")?.info.resource).toBe("endpoints");
  });
});
