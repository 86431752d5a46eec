import { describe, expect, it } from "vitest";
import { authorize, forbiddenError, forbiddenMessage, type UserInfo } from "../src/auth/index.js";

const viewer: UserInfo = { name: "viewer", groups: ["tskube:view", "system:authenticated"] };
const n1: UserInfo = { name: "system:node:n1", groups: ["system:nodes", "system:authenticated"] };

describe("forbiddenError: kube-apiserver's 403 texts", () => {
  it("namespaced, core group, with a name", () => {
    const err = forbiddenError(
      viewer,
      { verb: "create", group: "", resource: "pods", namespace: "default", name: "x" },
      "",
    );
    expect(err.message).toBe(
      'pods "x" is forbidden: User "viewer" cannot create resource "pods" in API group "" in the namespace "default"',
    );
    expect(err.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: err.message,
      reason: "Forbidden",
      code: 403,
      details: { name: "x", kind: "pods" },
    });
  });

  it("a collection (no name), named group", () => {
    const err = forbiddenError(
      viewer,
      { verb: "create", group: "apps", resource: "deployments", namespace: "web" },
      "",
    );
    expect(err.message).toBe(
      'deployments.apps is forbidden: User "viewer" cannot create resource "deployments" in API group "apps" in the namespace "web"',
    );
    expect(err.toStatus().details).toEqual({ group: "apps", kind: "deployments" });
  });

  it("cluster-scoped", () => {
    expect(
      forbiddenError(viewer, { verb: "delete", group: "", resource: "nodes", name: "n1" }, "").message,
    ).toBe(
      'nodes "n1" is forbidden: User "viewer" cannot delete resource "nodes" in API group "" at the cluster scope',
    );
    expect(
      forbiddenError(viewer, { verb: "list", group: "", resource: "namespaces", namespace: "" }, "").message,
    ).toBe(
      'namespaces is forbidden: User "viewer" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it("a subresource: resource/subresource in the sentence, the plain resource in front and in details", () => {
    const err = forbiddenError(
      viewer,
      {
        verb: "patch",
        group: "apps",
        resource: "deployments",
        subresource: "scale",
        namespace: "default",
        name: "web",
      },
      "",
    );
    expect(err.message).toBe(
      'deployments.apps "web" is forbidden: User "viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"',
    );
    expect(err.toStatus().details).toEqual({ name: "web", group: "apps", kind: "deployments" });
  });

  it("a non-resource URL", () => {
    const err = forbiddenError(viewer, { verb: "get", path: "/metrics" }, "");
    expect(err.message).toBe('forbidden: User "viewer" cannot get path "/metrics"');
    expect(err.code).toBe(403);
    expect(err.toStatus().details).toEqual({});
  });

  it("an authorizer's reason follows a colon", () => {
    const unnamed: UserInfo = { name: "system:node:", groups: ["system:nodes", "system:authenticated"] };
    const attributes = { verb: "list", group: "", resource: "pods", namespace: "default" };
    expect(forbiddenError(unnamed, attributes, authorize(unnamed, attributes)).message).toBe(
      'pods is forbidden: User "system:node:" cannot list resource "pods" in API group "" in the namespace "default": unknown node for user "system:node:"',
    );
  });

  it("user names are quoted as Go's %q does", () => {
    const odd: UserInfo = { name: 'a "b"\n', groups: [] };
    expect(forbiddenMessage(odd, { verb: "get", path: "/x" })).toBe(
      'User "a \\"b\\"\\n" cannot get path "/x"',
    );
  });
});

describe("forbiddenError for NodeRestriction denials (admission wording)", () => {
  it("pod status of a pod bound elsewhere", () => {
    const attributes = {
      verb: "patch",
      group: "",
      resource: "pods",
      subresource: "status",
      namespace: "default",
      name: "web-1",
      object: { metadata: { name: "web-1" }, spec: { nodeName: "n2" } },
      oldObject: { metadata: { name: "web-1" }, spec: { nodeName: "n2" } },
    };
    const err = forbiddenError(n1, attributes, authorize(n1, attributes));
    expect(err.message).toBe(
      'pods "web-1" is forbidden: node "n1" can only update pod status for pods with spec.nodeName set to itself',
    );
    expect(err.toStatus()).toMatchObject({
      code: 403,
      reason: "Forbidden",
      details: { name: "web-1", kind: "pods" },
    });
  });

  it("registering another node: the name comes from the body on create", () => {
    const attributes = { verb: "create", group: "", resource: "nodes", object: { metadata: { name: "n2" } } };
    expect(forbiddenError(n1, attributes, authorize(n1, attributes)).message).toBe(
      'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"',
    );
  });

  it("another node's lease", () => {
    const attributes = {
      verb: "update",
      group: "coordination.k8s.io",
      resource: "leases",
      namespace: "kube-node-lease",
      name: "n2",
    };
    expect(forbiddenError(n1, attributes, authorize(n1, attributes)).message).toBe(
      'leases.coordination.k8s.io "n2" is forbidden: can only access node lease with the same name as the requesting node',
    );
  });
});
