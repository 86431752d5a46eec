import { describe, expect, it } from "vitest";
import { wantsTable } from "../src/apiserver/gateway/media-types.js";
import { parseRoute } from "../src/apiserver/gateway/route.js";

describe("Kubernetes API paths", () => {
  it("core and group resources, namespaced and not", () => {
    expect(parseRoute("/api/v1/namespaces/ns/pods/p/log")).toEqual({
      type: "resource",
      group: "",
      version: "v1",
      namespace: "ns",
      resource: "pods",
      name: "p",
      subresource: "log",
    });
    expect(parseRoute("/apis/apps/v1/deployments")).toEqual({
      type: "resource",
      group: "apps",
      version: "v1",
      resource: "deployments",
    });
    expect(parseRoute("/api/v1/nodes/n1/status")).toMatchObject({
      resource: "nodes",
      name: "n1",
      subresource: "status",
    });
  });

  it("a namespace is both a resource and a scope", () => {
    expect(parseRoute("/api/v1/namespaces/ns")).toMatchObject({ resource: "namespaces", name: "ns" });
    expect(parseRoute("/api/v1/namespaces/ns/status")).toMatchObject({
      resource: "namespaces",
      name: "ns",
      subresource: "status",
    });
    expect(parseRoute("/api/v1/namespaces/ns/finalize")).toMatchObject({
      resource: "namespaces",
      name: "ns",
      subresource: "finalize",
    });
    expect(parseRoute("/api/v1/namespaces/ns/configmaps")).toMatchObject({
      namespace: "ns",
      resource: "configmaps",
    });
  });

  it("discovery, version, OpenAPI and health", () => {
    expect(parseRoute("/api")).toEqual({ type: "apiRoot" });
    expect(parseRoute("/apis")).toEqual({ type: "apisRoot" });
    expect(parseRoute("/apis/apps")).toEqual({ type: "group", group: "apps" });
    expect(parseRoute("/api/v1")).toEqual({ type: "groupVersion", group: "", version: "v1" });
    expect(parseRoute("/version")).toEqual({ type: "version" });
    expect(parseRoute("/openapi/v3/apis/apps/v1")).toEqual({
      type: "openapi",
      path: "/openapi/v3/apis/apps/v1",
    });
    expect(parseRoute("/healthz")).toMatchObject({ type: "health" });
    expect(parseRoute("/api/v1/namespaces/ns/pods/p/log/extra")).toEqual({ type: "unknown" });
    expect(parseRoute("/nope")).toEqual({ type: "unknown" });
  });

  it("percent-encoded segments are decoded", () => {
    expect(parseRoute("/api/v1/namespaces/ns/configmaps/a%2Eb")).toMatchObject({ name: "a.b" });
  });
});

describe("Table negotiation", () => {
  it("follows the first acceptable media range, as kubectl lists them", () => {
    expect(
      wantsTable(
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
      ),
    ).toBe(true);
    expect(wantsTable("application/json")).toBe(false);
    expect(wantsTable("application/vnd.kubernetes.protobuf,application/json")).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
    expect(wantsTable("application/json;as=Table;v=v2;g=meta.k8s.io")).toBe(false);
  });
});
