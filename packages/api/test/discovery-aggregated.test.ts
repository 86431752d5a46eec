import { describe, expect, test } from "vitest";
import {
  AGGREGATED_V2_CONTENT_TYPE,
  type APIResourceDiscovery,
  aggregatedDiscovery,
  negotiateDiscovery,
} from "../src/discovery/index.js";

const CLIENT_GO_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

function resource(
  scope: "core" | "groups",
  group: string,
  version: string,
  name: string,
): APIResourceDiscovery {
  const list = aggregatedDiscovery(scope);
  const g = list.items.find((i) => (i.metadata.name ?? "") === group);
  const v = g?.versions.find((x) => x.version === version);
  const r = v?.resources.find((x) => x.resource === name);
  if (r === undefined) throw new Error(`no ${group}/${version} ${name}`);
  return r;
}

describe("aggregated discovery", () => {
  test("the envelope and content type kubectl requires", () => {
    const core = aggregatedDiscovery("core");
    expect(core.kind).toBe("APIGroupDiscoveryList");
    expect(core.apiVersion).toBe("apidiscovery.k8s.io/v2");
    expect(core.items).toHaveLength(1);
    expect(core.items[0]?.metadata).toEqual({});
    expect(aggregatedDiscovery("core", "v2beta1").apiVersion).toBe("apidiscovery.k8s.io/v2beta1");
    expect(AGGREGATED_V2_CONTENT_TYPE).toBe(
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    );
  });

  test("pods as the API server describes them", () => {
    expect(resource("core", "", "v1", "pods")).toEqual({
      resource: "pods",
      responseKind: { group: "", version: "", kind: "Pod" },
      scope: "Namespaced",
      singularResource: "pod",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["po"],
      categories: ["all"],
      subresources: [
        {
          subresource: "binding",
          responseKind: { group: "", version: "", kind: "Binding" },
          verbs: ["create"],
        },
        {
          subresource: "eviction",
          responseKind: { group: "policy", version: "v1", kind: "Eviction" },
          verbs: ["create"],
        },
        {
          subresource: "exec",
          responseKind: { group: "", version: "", kind: "PodExecOptions" },
          verbs: ["create", "get"],
        },
        { subresource: "log", responseKind: { group: "", version: "", kind: "Pod" }, verbs: ["get"] },
        {
          subresource: "status",
          responseKind: { group: "", version: "", kind: "Pod" },
          verbs: ["get", "patch", "update"],
        },
      ],
    });
  });

  test("deployments/scale answers autoscaling/v1 Scale (what `kubectl scale --current-replicas` needs)", () => {
    const deploy = resource("groups", "apps", "v1", "deployments");
    expect(deploy.shortNames).toEqual(["deploy"]);
    expect(deploy.subresources?.find((s) => s.subresource === "scale")).toEqual({
      subresource: "scale",
      responseKind: { group: "autoscaling", version: "v1", kind: "Scale" },
      verbs: ["get", "patch", "update"],
    });
  });

  test("groups in priority order, autoscaling v2 before v1, metrics.k8s.io last", () => {
    const list = aggregatedDiscovery("groups");
    expect(list.items.map((i) => i.metadata.name)).toEqual([
      "apps",
      "authentication.k8s.io",
      "authorization.k8s.io",
      "autoscaling",
      "certificates.k8s.io",
      "storage.k8s.io",
      "coordination.k8s.io",
      "discovery.k8s.io",
      "metrics.k8s.io",
    ]);
    const autoscaling = list.items.find((i) => i.metadata.name === "autoscaling");
    expect(autoscaling?.versions.map((v) => v.version)).toEqual(["v2", "v1"]);
    for (const v of autoscaling?.versions ?? []) {
      expect(v.freshness).toBe("Current");
      expect(v.resources.map((r) => r.resource)).toEqual(["horizontalpodautoscalers"]);
    }
  });

  test("metrics resources have no singular and only get/list", () => {
    expect(resource("groups", "metrics.k8s.io", "v1beta1", "nodes")).toEqual({
      resource: "nodes",
      responseKind: { group: "", version: "", kind: "NodeMetrics" },
      scope: "Cluster",
      verbs: ["get", "list"],
    });
  });

  test("every resource carries responseKind and verbs (without them client-go drops or hides it)", () => {
    for (const scope of ["core", "groups"] as const) {
      for (const g of aggregatedDiscovery(scope).items) {
        for (const v of g.versions) {
          for (const r of v.resources) {
            expect(r.responseKind.kind).not.toBe("");
            expect(r.verbs.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});

describe("negotiateDiscovery", () => {
  test.each([
    [CLIENT_GO_ACCEPT, { form: "aggregated", version: "v2" }],
    [
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
      { form: "aggregated", version: "v2beta1" },
    ],
    ["application/json, */*", { form: "legacy" }],
    ["*/*", { form: "legacy" }],
    [undefined, { form: "legacy" }],
    [
      "application/json;q=0.9,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      { form: "aggregated", version: "v2" },
    ],
    [
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json",
      { form: "legacy" },
    ],
    [
      "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json",
      { form: "legacy" },
    ],
    ["application/vnd.kubernetes.protobuf", { form: "legacy" }],
    [
      "application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io",
      { form: "aggregated", version: "v2" },
    ],
  ])("%s", (accept, form) => {
    expect(negotiateDiscovery(accept)).toEqual(form);
  });
});
