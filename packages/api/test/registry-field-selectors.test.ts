import { describe, expect, test } from "vitest";
import { allowedSelectorFields, checkFieldSelector, findResource } from "../src/registry/index.js";
import { parseFieldSelector } from "../src/selectors/index.js";

const info = (resource: string, group = "", version = "v1") => findResource(group, version, resource)!;
const check = (resource: string, text: string) =>
  checkFieldSelector(info(resource), parseFieldSelector(text)).terms.map(
    (t) => `${t.field}${t.operator}${t.value}`,
  );

describe("field selectors per resource", () => {
  test("pods accept their conversion list and rename the legacy spec.host", () => {
    expect(check("pods", "spec.nodeName=n1,status.phase!=Running")).toEqual([
      "spec.nodeName=n1",
      "status.phase!=Running",
    ]);
    expect(check("pods", "spec.host=n1")).toEqual(["spec.nodeName=n1"]);
    expect(() => check("pods", "spec.image=x")).toThrow("field label not supported: spec.image");
  });

  test("nodes and namespaces (cluster-scoped) do not accept metadata.namespace", () => {
    expect(check("nodes", "spec.unschedulable=true,metadata.name=a")).toHaveLength(2);
    expect(() => check("nodes", "metadata.namespace=x")).toThrow(
      "field label not supported: metadata.namespace",
    );
    expect(check("namespaces", "status.phase=Active")).toEqual(["status.phase=Active"]);
  });

  test("events accept involvedObject.* and friends", () => {
    expect(
      check("events", "involvedObject.kind=Pod,involvedObject.name=web,reason=Failed,type=Warning"),
    ).toHaveLength(4);
    expect(() => check("events", "message=x")).toThrow("field label not supported: message");
  });

  test("kinds without their own conversion use the default one and its wording", () => {
    expect(check("configmaps", "metadata.name=a")).toEqual(["metadata.name=a"]);
    expect(() => check("configmaps", "data.x=1")).toThrow(
      '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(allowedSelectorFields(info("deployments", "apps"))).toEqual([
      "metadata.name",
      "metadata.namespace",
    ]);
  });

  test("secrets by type, services by clusterIP and type", () => {
    expect(check("secrets", "type=kubernetes.io/tls")).toEqual(["type=kubernetes.io/tls"]);
    expect(check("services", "spec.type=ClusterIP,spec.clusterIP=None")).toHaveLength(2);
  });
});
