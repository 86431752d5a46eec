import { describe, expect, it } from "vitest";
import {
  authorize,
  authorizeWithoutObjects,
  type RequestAttributes,
  type UserInfo,
} from "../src/auth/index.js";

const admin: UserInfo = { name: "admin", groups: ["system:masters", "system:authenticated"] };
const viewer: UserInfo = { name: "viewer", groups: ["tskube:view", "system:authenticated"] };
const nobody: UserInfo = { name: "nobody", groups: ["system:authenticated"] };
const n1: UserInfo = { name: "system:node:n1", groups: ["system:nodes", "system:authenticated"] };
const joiner: UserInfo = {
  name: "system:bootstrap:abcdef",
  groups: ["system:bootstrappers", "system:authenticated"],
};

function allowed(user: UserInfo, attributes: RequestAttributes): boolean {
  return authorize(user, attributes).allowed;
}

const pod = (nodeName: string, labels: Record<string, string> = { app: "web" }) => ({
  metadata: { name: "p", namespace: "default", labels },
  spec: { nodeName },
});

const node = (name: string, extra: { labels?: Record<string, string>; taints?: unknown[] } = {}) => ({
  metadata: { name, labels: extra.labels ?? { "kubernetes.io/hostname": name } },
  spec: extra.taints === undefined ? {} : { taints: extra.taints },
});

describe("system:masters", () => {
  it("may do anything, resource or not", () => {
    for (const attributes of [
      { verb: "delete", group: "", resource: "secrets", namespace: "kube-system", name: "x" },
      { verb: "create", group: "apps", resource: "deployments", namespace: "default" },
      { verb: "*", group: "*", resource: "*" },
      { verb: "get", path: "/metrics" },
      { verb: "post", path: "/anything" },
    ]) {
      expect(authorize(admin, attributes)).toEqual({
        allowed: true,
        reason: 'allowed by group "system:masters"',
      });
    }
  });
});

describe("every authenticated user", () => {
  it("may create the self reviews behind `kubectl auth can-i` and `kubectl auth whoami`", () => {
    expect(
      allowed(nobody, {
        verb: "create",
        group: "authorization.k8s.io",
        resource: "selfsubjectaccessreviews",
      }),
    ).toBe(true);
    expect(
      allowed(nobody, { verb: "create", group: "authorization.k8s.io", resource: "selfsubjectrulesreviews" }),
    ).toBe(true);
    expect(
      allowed(nobody, { verb: "create", group: "authentication.k8s.io", resource: "selfsubjectreviews" }),
    ).toBe(true);
    expect(
      allowed(nobody, { verb: "create", group: "authorization.k8s.io", resource: "subjectaccessreviews" }),
    ).toBe(false);
    expect(
      allowed(nobody, { verb: "list", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews" }),
    ).toBe(false);
  });

  it("may GET discovery, version, health and OpenAPI paths, nothing else", () => {
    for (const path of [
      "/api",
      "/api/v1",
      "/apis",
      "/apis/apps/v1",
      "/version",
      "/healthz",
      "/livez",
      "/readyz",
      "/openapi/v2",
      "/openapi/v3/apis/apps/v1",
    ]) {
      expect(allowed(nobody, { verb: "get", path }), path).toBe(true);
    }
    expect(allowed(nobody, { verb: "get", path: "/metrics" })).toBe(false);
    expect(allowed(nobody, { verb: "get", path: "/apix" })).toBe(false);
    expect(allowed(nobody, { verb: "post", path: "/api" })).toBe(false);
  });

  it("but no resources", () => {
    expect(
      authorize(nobody, { verb: "get", group: "", resource: "pods", namespace: "default", name: "p" }),
    ).toEqual({
      allowed: false,
      reason: "",
    });
  });

  it("an identity without system:authenticated gets nothing at all", () => {
    const bare: UserInfo = { name: "x", groups: [] };
    expect(allowed(bare, { verb: "get", path: "/version" })).toBe(false);
    expect(
      allowed(bare, { verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews" }),
    ).toBe(false);
  });
});

describe("tskube:view", () => {
  it("may get, list and watch", () => {
    for (const verb of ["get", "list", "watch"]) {
      expect(allowed(viewer, { verb, group: "apps", resource: "deployments", namespace: "default" })).toBe(
        true,
      );
      expect(allowed(viewer, { verb, group: "", resource: "nodes" })).toBe(true);
    }
    expect(
      allowed(viewer, {
        verb: "get",
        group: "",
        resource: "pods",
        subresource: "log",
        namespace: "d",
        name: "p",
      }),
    ).toBe(true);
    expect(allowed(viewer, { verb: "list", group: "metrics.k8s.io", resource: "pods", namespace: "d" })).toBe(
      true,
    );
  });

  it("may not write", () => {
    for (const verb of ["create", "update", "patch", "delete", "deletecollection", "*"]) {
      expect(
        allowed(viewer, { verb, group: "apps", resource: "deployments", namespace: "default" }),
        verb,
      ).toBe(false);
    }
    expect(
      allowed(viewer, {
        verb: "update",
        group: "apps",
        resource: "deployments",
        subresource: "scale",
        namespace: "d",
        name: "x",
      }),
    ).toBe(false);
  });

  it("may not read secrets, nor exec/attach/port-forward/proxy", () => {
    expect(allowed(viewer, { verb: "list", group: "", resource: "secrets", namespace: "default" })).toBe(
      false,
    );
    expect(allowed(viewer, { verb: "get", group: "", resource: "*" })).toBe(false);
    for (const subresource of ["exec", "attach", "portforward", "proxy"]) {
      expect(
        allowed(viewer, { verb: "get", group: "", resource: "pods", subresource, namespace: "d", name: "p" }),
      ).toBe(false);
    }
  });
});

describe("node identities (system:node:NAME in system:nodes)", () => {
  it("read what a kubelet and proxy need", () => {
    for (const resource of ["pods", "services", "endpoints", "nodes", "configmaps", "secrets"]) {
      expect(allowed(n1, { verb: "watch", group: "", resource }), resource).toBe(true);
    }
    expect(allowed(n1, { verb: "list", group: "discovery.k8s.io", resource: "endpointslices" })).toBe(true);
    expect(
      allowed(n1, { verb: "get", group: "apps", resource: "deployments", namespace: "d", name: "x" }),
    ).toBe(false);
    expect(allowed(n1, { verb: "list", group: "", resource: "namespaces" })).toBe(false);
  });

  it("register and update their own Node and its status", () => {
    expect(allowed(n1, { verb: "create", group: "", resource: "nodes", object: node("n1") })).toBe(true);
    expect(
      allowed(n1, {
        verb: "update",
        group: "",
        resource: "nodes",
        name: "n1",
        object: node("n1"),
        oldObject: node("n1"),
      }),
    ).toBe(true);
    expect(
      allowed(n1, {
        verb: "patch",
        group: "",
        resource: "nodes",
        subresource: "status",
        name: "n1",
        object: node("n1"),
        oldObject: node("n1"),
      }),
    ).toBe(true);
  });

  it("but not another node's", () => {
    expect(authorize(n1, { verb: "create", group: "", resource: "nodes", object: node("n2") })).toEqual({
      allowed: false,
      reason: 'node "n1" is not allowed to modify node "n2"',
      admission: true,
    });
    expect(
      authorize(n1, {
        verb: "patch",
        group: "",
        resource: "nodes",
        subresource: "status",
        name: "n2",
        object: node("n2"),
        oldObject: node("n2"),
      }),
    ).toMatchObject({ allowed: false, reason: 'node "n1" is not allowed to modify node "n2"' });
  });

  it("nor delete Nodes", () => {
    expect(allowed(n1, { verb: "delete", group: "", resource: "nodes", name: "n1" })).toBe(false);
  });

  it("may not change their taints or node-restriction labels", () => {
    const taint = { key: "k", value: "v", effect: "NoSchedule" };
    expect(
      authorize(n1, {
        verb: "update",
        group: "",
        resource: "nodes",
        name: "n1",
        object: node("n1", { taints: [] }),
        oldObject: node("n1", { taints: [taint] }),
      }),
    ).toMatchObject({ allowed: false, reason: 'node "n1" is not allowed to modify taints' });
    // Absent and empty taints are the same; the same taints with keys in another order are too.
    expect(
      allowed(n1, {
        verb: "update",
        group: "",
        resource: "nodes",
        name: "n1",
        object: node("n1", { taints: [] }),
        oldObject: node("n1"),
      }),
    ).toBe(true);
    expect(
      allowed(n1, {
        verb: "update",
        group: "",
        resource: "nodes",
        name: "n1",
        object: node("n1", { taints: [{ effect: "NoSchedule", value: "v", key: "k" }] }),
        oldObject: node("n1", { taints: [taint] }),
      }),
    ).toBe(true);
    expect(
      authorize(n1, {
        verb: "update",
        group: "",
        resource: "nodes",
        name: "n1",
        object: node("n1", {
          labels: {
            "node-restriction.kubernetes.io/secure": "yes",
            "a.node-restriction.kubernetes.io/b": "1",
            app: "x",
          },
        }),
        oldObject: node("n1", { labels: {} }),
      }),
    ).toMatchObject({
      allowed: false,
      reason:
        "is not allowed to modify labels: a.node-restriction.kubernetes.io/b, node-restriction.kubernetes.io/secure",
    });
    expect(
      authorize(n1, {
        verb: "create",
        group: "",
        resource: "nodes",
        object: node("n1", { labels: { "node-restriction.kubernetes.io/x": "1" } }),
      }),
    ).toMatchObject({
      allowed: false,
      reason: 'node "n1" is not allowed to set the following labels: node-restriction.kubernetes.io/x',
    });
  });

  it("an update reaching the authorizer without its objects is refused rather than unchecked", () => {
    expect(authorize(n1, { verb: "update", group: "", resource: "nodes", name: "n1" })).toMatchObject({
      allowed: false,
      admission: true,
    });
  });

  it("own Lease in kube-node-lease only", () => {
    const lease = (name: string) => ({ metadata: { name, namespace: "kube-node-lease" } });
    expect(
      allowed(n1, {
        verb: "create",
        group: "coordination.k8s.io",
        resource: "leases",
        namespace: "kube-node-lease",
        object: lease("n1"),
      }),
    ).toBe(true);
    for (const verb of ["get", "update", "patch", "delete"]) {
      expect(
        allowed(n1, {
          verb,
          group: "coordination.k8s.io",
          resource: "leases",
          namespace: "kube-node-lease",
          name: "n1",
        }),
        verb,
      ).toBe(true);
    }
    expect(
      authorize(n1, {
        verb: "update",
        group: "coordination.k8s.io",
        resource: "leases",
        namespace: "kube-node-lease",
        name: "n2",
      }),
    ).toEqual({
      allowed: false,
      reason: "can only access node lease with the same name as the requesting node",
      admission: true,
    });
    expect(
      authorize(n1, {
        verb: "create",
        group: "coordination.k8s.io",
        resource: "leases",
        namespace: "kube-node-lease",
        object: lease("n2"),
      }),
    ).toMatchObject({
      allowed: false,
      reason: "can only access node lease with the same name as the requesting node",
    });
    expect(
      authorize(n1, {
        verb: "get",
        group: "coordination.k8s.io",
        resource: "leases",
        namespace: "default",
        name: "n1",
      }),
    ).toMatchObject({
      allowed: false,
      reason: 'can only access leases in the "kube-node-lease" system namespace',
    });
    expect(
      allowed(n1, {
        verb: "list",
        group: "coordination.k8s.io",
        resource: "leases",
        namespace: "kube-node-lease",
      }),
    ).toBe(false);
  });

  it("update/patch the status of pods bound to it (NodeRestriction checks the stored pod)", () => {
    for (const verb of ["update", "patch"]) {
      expect(
        allowed(n1, {
          verb,
          group: "",
          resource: "pods",
          subresource: "status",
          namespace: "default",
          name: "p",
          object: pod("n1"),
          oldObject: pod("n1"),
        }),
      ).toBe(true);
    }
    // The stored pod decides: a new object claiming nodeName n1 does not help.
    expect(
      authorize(n1, {
        verb: "patch",
        group: "",
        resource: "pods",
        subresource: "status",
        namespace: "default",
        name: "p",
        object: pod("n1"),
        oldObject: pod("n2"),
      }),
    ).toEqual({
      allowed: false,
      reason: 'node "n1" can only update pod status for pods with spec.nodeName set to itself',
      admission: true,
    });
    expect(
      authorize(n1, {
        verb: "update",
        group: "",
        resource: "pods",
        subresource: "status",
        namespace: "default",
        name: "p",
        object: pod("n1"),
      }),
    ).toMatchObject({
      allowed: false,
      reason: 'node "n1" can only update pod status for pods with spec.nodeName set to itself',
    });
    expect(
      authorize(n1, {
        verb: "update",
        group: "",
        resource: "pods",
        subresource: "status",
        namespace: "default",
        name: "p",
        object: pod("n1", { app: "evil" }),
        oldObject: pod("n1"),
      }),
    ).toMatchObject({ allowed: false, reason: 'node "n1" cannot update labels through pod status' });
  });

  it("but not the pods themselves, except deleting one bound to it", () => {
    expect(
      allowed(n1, {
        verb: "update",
        group: "",
        resource: "pods",
        namespace: "default",
        name: "p",
        object: pod("n1"),
        oldObject: pod("n1"),
      }),
    ).toBe(false);
    expect(
      allowed(n1, { verb: "create", group: "", resource: "pods", namespace: "default", object: pod("n1") }),
    ).toBe(false);
    expect(
      allowed(n1, {
        verb: "delete",
        group: "",
        resource: "pods",
        namespace: "default",
        name: "p",
        oldObject: pod("n1"),
      }),
    ).toBe(true);
    expect(
      authorize(n1, {
        verb: "delete",
        group: "",
        resource: "pods",
        namespace: "default",
        name: "p",
        oldObject: pod("n2"),
      }),
    ).toMatchObject({
      allowed: false,
      reason: 'node "n1" can only delete pods with spec.nodeName set to itself',
    });
    expect(
      allowed(n1, {
        verb: "create",
        group: "",
        resource: "pods",
        subresource: "exec",
        namespace: "default",
        name: "p",
      }),
    ).toBe(false);
  });

  it("create events", () => {
    expect(allowed(n1, { verb: "create", group: "", resource: "events", namespace: "default" })).toBe(true);
    expect(
      allowed(n1, {
        verb: "patch",
        group: "events.k8s.io",
        resource: "events",
        namespace: "default",
        name: "e",
      }),
    ).toBe(true);
    expect(
      allowed(n1, { verb: "delete", group: "", resource: "events", namespace: "default", name: "e" }),
    ).toBe(false);
  });

  it("nothing else", () => {
    expect(
      allowed(n1, { verb: "create", group: "apps", resource: "deployments", namespace: "default" }),
    ).toBe(false);
    expect(
      allowed(n1, { verb: "update", group: "", resource: "configmaps", namespace: "default", name: "c" }),
    ).toBe(false);
  });

  it("needs both the name prefix and the group", () => {
    const notInGroup: UserInfo = { name: "system:node:n1", groups: ["system:authenticated"] };
    const notNamed: UserInfo = { name: "n1", groups: ["system:nodes", "system:authenticated"] };
    for (const user of [notInGroup, notNamed]) {
      expect(allowed(user, { verb: "list", group: "", resource: "pods" })).toBe(false);
    }
    const unnamed: UserInfo = { name: "system:node:", groups: ["system:nodes", "system:authenticated"] };
    expect(authorize(unnamed, { verb: "list", group: "", resource: "pods" })).toEqual({
      allowed: false,
      reason: 'unknown node for user "system:node:"',
    });
  });
});

describe("system:bootstrappers", () => {
  it("may create and watch certificate signing requests, nothing more", () => {
    for (const verb of ["create", "get", "list", "watch"]) {
      expect(
        allowed(joiner, { verb, group: "certificates.k8s.io", resource: "certificatesigningrequests" }),
      ).toBe(true);
    }
    expect(
      allowed(joiner, {
        verb: "update",
        group: "certificates.k8s.io",
        resource: "certificatesigningrequests",
        subresource: "approval",
        name: "c",
      }),
    ).toBe(false);
    expect(allowed(joiner, { verb: "list", group: "", resource: "nodes" })).toBe(false);
    expect(allowed(joiner, { verb: "create", group: "", resource: "nodes" })).toBe(false);
  });
});

describe("authorizeWithoutObjects (what an access review answers)", () => {
  it("skips the checks that need the object but keeps the ones the name decides", () => {
    expect(
      authorizeWithoutObjects(n1, {
        verb: "update",
        group: "",
        resource: "pods",
        subresource: "status",
        namespace: "d",
        name: "p",
      }).allowed,
    ).toBe(true);
    expect(
      authorizeWithoutObjects(n1, { verb: "update", group: "", resource: "nodes", name: "n1" }).allowed,
    ).toBe(true);
    expect(authorizeWithoutObjects(n1, { verb: "create", group: "", resource: "nodes" }).allowed).toBe(true);
    expect(
      authorizeWithoutObjects(n1, { verb: "update", group: "", resource: "nodes", name: "n2" }),
    ).toMatchObject({
      allowed: false,
      reason: 'node "n1" is not allowed to modify node "n2"',
    });
    expect(
      authorizeWithoutObjects(viewer, { verb: "create", group: "", resource: "pods", namespace: "d" })
        .allowed,
    ).toBe(false);
  });
});
