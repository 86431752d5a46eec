import { describe, expect, it } from "vitest";
import { selfSubjectAccessReview, selfSubjectReview, type UserInfo } from "../src/auth/index.js";

const viewer: UserInfo = { name: "viewer", uid: "2", groups: ["tskube:view", "system:authenticated"] };
const admin: UserInfo = { name: "admin", groups: ["system:masters", "system:authenticated"] };
const n1: UserInfo = { name: "system:node:n1", groups: ["system:nodes", "system:authenticated"] };

describe("selfSubjectAccessReview (kubectl auth can-i)", () => {
  it("answers yes for a read by a viewer and returns the spec", () => {
    const spec = {
      resourceAttributes: { verb: "list", group: "apps", resource: "deployments", namespace: "default" },
    };
    expect(selfSubjectAccessReview(viewer, spec)).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: {},
      spec,
      status: { allowed: true, reason: 'allowed by group "tskube:view" (read-only)' },
    });
  });

  it("answers no, without a reason, for a write by a viewer", () => {
    const review = selfSubjectAccessReview(viewer, {
      resourceAttributes: { verb: "create", resource: "pods", namespace: "default" },
    });
    expect(review.status).toEqual({ allowed: false });
  });

  it("handles `can-i '*' '*'` and non-resource URLs", () => {
    expect(
      selfSubjectAccessReview(admin, { resourceAttributes: { verb: "*", group: "*", resource: "*" } }).status
        ?.allowed,
    ).toBe(true);
    expect(
      selfSubjectAccessReview(viewer, { resourceAttributes: { verb: "*", group: "*", resource: "*" } }).status
        ?.allowed,
    ).toBe(false);
    expect(
      selfSubjectAccessReview(viewer, { nonResourceAttributes: { verb: "get", path: "/version" } }).status
        ?.allowed,
    ).toBe(true);
    expect(
      selfSubjectAccessReview(viewer, { nonResourceAttributes: { verb: "get", path: "/metrics" } }).status
        ?.allowed,
    ).toBe(false);
  });

  it("gives NodeRestriction's reason for a name it can judge without the object", () => {
    expect(
      selfSubjectAccessReview(n1, {
        resourceAttributes: { verb: "patch", resource: "nodes", subresource: "status", name: "n2" },
      }).status,
    ).toEqual({ allowed: false, reason: 'node "n1" is not allowed to modify node "n2"' });
    expect(
      selfSubjectAccessReview(n1, {
        resourceAttributes: {
          verb: "patch",
          resource: "pods",
          subresource: "status",
          namespace: "d",
          name: "p",
        },
      }).status?.allowed,
    ).toBe(true);
  });

  it("is Invalid (422) unless exactly one kind of attributes is given", () => {
    expect(() => selfSubjectAccessReview(viewer, {})).toThrow(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    try {
      selfSubjectAccessReview(viewer, {
        resourceAttributes: { verb: "get", resource: "pods" },
        nonResourceAttributes: { verb: "get", path: "/x" },
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 422, reason: "Invalid" });
      expect((err as Error).message).toContain("spec.nonResourceAttributes: Invalid value: ");
      expect((err as Error).message).toContain("cannot be specified in combination with resourceAttributes");
    }
  });
});

describe("selfSubjectReview (kubectl auth whoami)", () => {
  it("returns the user", () => {
    expect(selfSubjectReview(viewer)).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      metadata: {},
      status: { userInfo: { username: "viewer", uid: "2", groups: ["tskube:view", "system:authenticated"] } },
    });
    expect(selfSubjectReview(admin).status?.userInfo).toEqual({
      username: "admin",
      groups: ["system:masters", "system:authenticated"],
    });
  });
});
