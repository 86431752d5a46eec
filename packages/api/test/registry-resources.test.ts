import { describe, expect, test } from "vitest";
import {
  apiGroups,
  findResource,
  findSubresource,
  groupVersions,
  parseApiVersion,
  preferredVersion,
  RESOURCES,
  resourceAt,
  resourceForKind,
  resourceRef,
  resourcesIn,
  subresourceResponseKind,
} from "../src/registry/index.js";

describe("the resource table", () => {
  test("has one row per group and resource, with list kinds, lower-case singulars and verbs", () => {
    const keys = RESOURCES.map((r) => `${r.group}/${r.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of RESOURCES) {
      expect(r.listKind).toBe(`${r.kind}List`);
      if (r.group !== "metrics.k8s.io") expect(r.singular).toBe(r.kind.toLowerCase());
      expect(r.verbs.length).toBeGreaterThan(0);
      expect(r.versions.length).toBeGreaterThan(0);
    }
  });

  test("short names are unique within a group", () => {
    for (const g of apiGroups()) {
      const shorts = RESOURCES.filter((r) => r.group === g.name).flatMap((r) => r.shortNames);
      expect(new Set(shorts).size).toBe(shorts.length);
    }
  });

  test("the 'all' category is exactly where Kubernetes has it among served resources", () => {
    const all = RESOURCES.filter((r) => r.categories.includes("all")).map((r) => r.resource);
    expect(all.sort()).toEqual(
      ["daemonsets", "deployments", "horizontalpodautoscalers", "pods", "replicasets", "services"].sort(),
    );
  });

  test("names, short names and scopes match Kubernetes", () => {
    const table = Object.fromEntries(
      RESOURCES.map((r) => [`${r.group}/${r.resource}`, `${r.shortNames.join(",")}|${r.namespaced}`]),
    );
    expect(table).toMatchObject({
      "/namespaces": "ns|false",
      "/pods": "po|true",
      "/services": "svc|true",
      "/endpoints": "ep|true",
      "/nodes": "no|false",
      "/configmaps": "cm|true",
      "/secrets": "|true",
      "/persistentvolumes": "pv|false",
      "/persistentvolumeclaims": "pvc|true",
      "/events": "ev|true",
      "/serviceaccounts": "sa|true",
      "apps/deployments": "deploy|true",
      "apps/replicasets": "rs|true",
      "apps/daemonsets": "ds|true",
      "autoscaling/horizontalpodautoscalers": "hpa|true",
      "discovery.k8s.io/endpointslices": "|true",
      "coordination.k8s.io/leases": "|true",
      "storage.k8s.io/storageclasses": "sc|false",
      "certificates.k8s.io/certificatesigningrequests": "csr|false",
      "metrics.k8s.io/pods": "|true",
      "metrics.k8s.io/nodes": "|false",
      "authorization.k8s.io/selfsubjectaccessreviews": "|false",
      "authentication.k8s.io/selfsubjectreviews": "|false",
    });
  });

  test("namespaces and services have no deletecollection; reviews are create-only; metrics get/list", () => {
    expect(findResource("", "v1", "namespaces")?.verbs).not.toContain("deletecollection");
    expect(findResource("", "v1", "services")?.verbs).not.toContain("deletecollection");
    expect(findResource("", "v1", "pods")?.verbs).toContain("deletecollection");
    expect(findResource("authorization.k8s.io", "v1", "selfsubjectaccessreviews")?.verbs).toEqual(["create"]);
    expect(findResource("metrics.k8s.io", "v1beta1", "pods")?.verbs).toEqual(["get", "list"]);
  });

  test("only computed resources are virtual", () => {
    const virtual = RESOURCES.filter((r) => r.storage === "virtual").map((r) => `${r.group}/${r.resource}`);
    expect(virtual.sort()).toEqual(
      [
        "authentication.k8s.io/selfsubjectreviews",
        "authorization.k8s.io/selfsubjectaccessreviews",
        "metrics.k8s.io/nodes",
        "metrics.k8s.io/pods",
      ].sort(),
    );
  });
});

describe("lookups", () => {
  test("findResource accepts the plural, a short name or the singular, in a served version only", () => {
    expect(findResource("apps", "v1", "deployments")?.kind).toBe("Deployment");
    expect(findResource("apps", "v1", "deploy")?.kind).toBe("Deployment");
    expect(findResource("apps", "v1", "deployment")?.kind).toBe("Deployment");
    expect(findResource("apps", "v1beta1", "deployments")).toBeUndefined();
    expect(findResource("autoscaling", "v1", "hpa")?.resource).toBe("horizontalpodautoscalers");
    expect(findResource("autoscaling", "v2", "horizontalpodautoscalers")?.resource).toBe(
      "horizontalpodautoscalers",
    );
    expect(findResource("", "v1", "nope")).toBeUndefined();
  });

  test("resourceAt routes by the exact plural only", () => {
    expect(resourceAt("", "v1", "pods")?.kind).toBe("Pod");
    expect(resourceAt("", "v1", "po")).toBeUndefined();
    expect(resourceAt("", "v1", "Pods")).toBeUndefined();
    expect(resourceAt("autoscaling", "v1", "horizontalpodautoscalers")?.kind).toBe("HorizontalPodAutoscaler");
    expect(resourceAt("autoscaling", "v2beta2", "horizontalpodautoscalers")).toBeUndefined();
  });

  test("pods of metrics.k8s.io and of core are different resources", () => {
    expect(findResource("metrics.k8s.io", "v1beta1", "pods")?.kind).toBe("PodMetrics");
    expect(findResource("", "v1", "pods")?.kind).toBe("Pod");
    expect(findResource("", "v1", "po")?.kind).toBe("Pod");
  });

  test("resourceForKind", () => {
    expect(resourceForKind("", "Node")?.resource).toBe("nodes");
    expect(resourceForKind("autoscaling", "HorizontalPodAutoscaler")?.versions).toEqual(["v2", "v1"]);
    expect(resourceForKind("apps", "Pod")).toBeUndefined();
  });

  test("group-versions: core first, groups in Kubernetes' priority order, versions preferred first", () => {
    expect(groupVersions().map((gv) => `${gv.group}/${gv.version}`)).toEqual([
      "/v1",
      "apps/v1",
      "authentication.k8s.io/v1",
      "authorization.k8s.io/v1",
      "autoscaling/v2",
      "autoscaling/v1",
      "certificates.k8s.io/v1",
      "storage.k8s.io/v1",
      "coordination.k8s.io/v1",
      "discovery.k8s.io/v1",
      "metrics.k8s.io/v1beta1",
    ]);
    expect(preferredVersion("autoscaling")).toBe("v2");
    expect(preferredVersion("batch")).toBeUndefined();
  });

  test("resourcesIn is sorted by name", () => {
    expect(resourcesIn("apps", "v1").map((r) => r.resource)).toEqual([
      "daemonsets",
      "deployments",
      "replicasets",
    ]);
  });

  test("subresource response kinds: Scale is autoscaling/v1, status answers in the served version", () => {
    const deploy = findResource("apps", "v1", "deployments")!;
    expect(subresourceResponseKind(findSubresource(deploy, "scale")!, "v1")).toEqual({
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
    });
    const hpa = findResource("autoscaling", "v2", "hpa")!;
    const status = findSubresource(hpa, "status")!;
    expect(subresourceResponseKind(status, "v1")).toEqual({
      group: "autoscaling",
      version: "v1",
      kind: "HorizontalPodAutoscaler",
    });
    expect(subresourceResponseKind(status, "v2").version).toBe("v2");
    expect(findSubresource(findResource("", "v1", "pods")!, "eviction")?.responseKind).toEqual({
      group: "policy",
      version: "v1",
      kind: "Eviction",
    });
  });

  test("parseApiVersion and resourceRef", () => {
    expect(parseApiVersion("v1")).toEqual({ group: "", version: "v1" });
    expect(parseApiVersion("apps/v1")).toEqual({ group: "apps", version: "v1" });
    expect(resourceRef(findResource("apps", "v1", "deploy")!)).toEqual({
      resource: "deployments",
      group: "apps",
    });
  });
});
