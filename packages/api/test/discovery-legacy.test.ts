import { describe, expect, test } from "vitest";
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  discoveryAnswer,
  type HttpAnswer,
  versionInfo,
} from "../src/discovery/index.js";

const body = (a: HttpAnswer | undefined): unknown => JSON.parse(String(a?.body));

describe("legacy discovery documents", () => {
  test("/api", () => {
    expect(apiVersions("127.0.0.1:6443")).toEqual({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
    });
  });

  test("/apis lists groups with the preferred version", () => {
    const list = apiGroupList();
    expect(list.kind).toBe("APIGroupList");
    expect(list.groups.find((g) => g.name === "autoscaling")).toEqual({
      name: "autoscaling",
      versions: [
        { groupVersion: "autoscaling/v2", version: "v2" },
        { groupVersion: "autoscaling/v1", version: "v1" },
      ],
      preferredVersion: { groupVersion: "autoscaling/v2", version: "v2" },
    });
    expect(list.groups.some((g) => g.name === "")).toBe(false);
  });

  test("/apis/<group>", () => {
    expect(apiGroup("apps")).toEqual({
      kind: "APIGroup",
      apiVersion: "v1",
      name: "apps",
      versions: [{ groupVersion: "apps/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apps/v1", version: "v1" },
    });
    expect(apiGroup("batch")).toBeUndefined();
    expect(apiGroup("")).toBeUndefined();
  });

  test("/apis/apps/v1 lists resources and subresources, Scale with its own group-version", () => {
    const list = apiResourceList("apps", "v1");
    expect(list?.groupVersion).toBe("apps/v1");
    expect(list?.resources.map((r) => r.name)).toEqual([
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
    ]);
    expect(list?.resources.find((r) => r.name === "deployments")).toEqual({
      name: "deployments",
      singularName: "deployment",
      namespaced: true,
      kind: "Deployment",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["deploy"],
      categories: ["all"],
    });
    expect(list?.resources.find((r) => r.name === "deployments/scale")).toEqual({
      name: "deployments/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
  });

  test("/api/v1 includes pods/log and pods/exec; unknown versions are not served", () => {
    const list = apiResourceList("", "v1");
    expect(list?.groupVersion).toBe("v1");
    expect(list?.resources.find((r) => r.name === "pods/exec")).toEqual({
      name: "pods/exec",
      singularName: "",
      namespaced: true,
      kind: "PodExecOptions",
      verbs: ["create", "get"],
    });
    expect(list?.resources.find((r) => r.name === "pods/log")?.kind).toBe("Pod");
    expect(apiResourceList("", "v2")).toBeUndefined();
    expect(apiResourceList("apps", "v1beta1")).toBeUndefined();
  });

  test("autoscaling/v1 lists the HPA status in v1", () => {
    expect(apiResourceList("autoscaling", "v1")?.resources.map((r) => [r.name, r.kind, r.version])).toEqual([
      ["horizontalpodautoscalers", "HorizontalPodAutoscaler", undefined],
      ["horizontalpodautoscalers/status", "HorizontalPodAutoscaler", undefined],
    ]);
  });

  test("/version says 1.32", () => {
    expect(versionInfo()).toMatchObject({ major: "1", minor: "32", gitVersion: "v1.32.0-tskube" });
  });
});

describe("discoveryAnswer routes", () => {
  const get = (path: string, accept?: string) =>
    discoveryAnswer({ method: "GET", path, accept, host: "h:1" });

  test("/api and /apis in the negotiated form", () => {
    const agg = get(
      "/api",
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json",
    );
    expect(agg?.headers["content-type"]).toBe(
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    );
    expect(body(agg)).toMatchObject({ kind: "APIGroupDiscoveryList" });
    const legacy = get("/api", "application/json, */*");
    expect(legacy?.headers["content-type"]).toBe("application/json");
    expect(body(legacy)).toMatchObject({
      kind: "APIVersions",
      serverAddressByClientCIDRs: [{ serverAddress: "h:1" }],
    });
    expect(body(get("/apis/"))).toMatchObject({ kind: "APIGroupList" });
  });

  test("per-group and per-group-version documents, 404 Status for unknown ones", () => {
    expect(body(get("/apis/apps"))).toMatchObject({ kind: "APIGroup", name: "apps" });
    expect(body(get("/apis/apps/v1"))).toMatchObject({ kind: "APIResourceList", groupVersion: "apps/v1" });
    expect(body(get("/api/v1"))).toMatchObject({ kind: "APIResourceList", groupVersion: "v1" });
    const missing = get("/apis/batch/v1");
    expect(missing?.status).toBe(404);
    expect(body(missing)).toMatchObject({ kind: "Status", reason: "NotFound", code: 404 });
    expect(get("/apis/nope")?.status).toBe(404);
    expect(get("/api/v2")?.status).toBe(404);
  });

  test("/version, other paths fall through, writes are refused", () => {
    expect(body(get("/version"))).toMatchObject({ minor: "32" });
    expect(get("/api/v1/pods")).toBeUndefined();
    expect(get("/apis/apps/v1/deployments")).toBeUndefined();
    expect(get("/healthz")).toBeUndefined();
    const post = discoveryAnswer({ method: "POST", path: "/apis" });
    expect(post?.status).toBe(405);
    expect(body(post)).toMatchObject({ reason: "MethodNotAllowed" });
  });
});
