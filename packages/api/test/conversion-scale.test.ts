import type { Deployment } from "kubernetes-types/apps/v1.js";
import { describe, expect, test } from "vitest";
import { applyScale, scaleSelector, toScale } from "../src/conversion/index.js";
import { ApiError } from "../src/errors.js";

const deployment: Deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    namespace: "default",
    uid: "u-1",
    resourceVersion: "42",
    creationTimestamp: "2025-01-01T00:00:00Z",
    labels: { app: "web" },
    generation: 3,
  },
  spec: {
    replicas: 3,
    selector: {
      matchLabels: { app: "web" },
      matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }],
    },
    template: {
      metadata: { labels: { app: "web", tier: "a" } },
      spec: { containers: [{ name: "c", image: "i" }] },
    },
  },
  status: { replicas: 2 },
};

describe("Scale", () => {
  test("toScale: identity of the owner, desired and current replicas, selector text", () => {
    expect(toScale(deployment)).toEqual({
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: {
        name: "web",
        namespace: "default",
        uid: "u-1",
        resourceVersion: "42",
        creationTimestamp: "2025-01-01T00:00:00Z",
      },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: "app=web,tier in (a,b)" },
    });
  });

  test("zero replicas and a missing status are written as Go writes them", () => {
    const scaled = toScale({ ...deployment, spec: { ...deployment.spec!, replicas: 0 }, status: {} });
    expect(scaled.spec).toEqual({});
    expect(scaled.status).toEqual({ replicas: 0, selector: "app=web,tier in (a,b)" });
  });

  test("scaleSelector of an empty and of an invalid selector", () => {
    expect(scaleSelector({ spec: { selector: {} } })).toBe("");
    const bad = () =>
      scaleSelector({ spec: { selector: { matchExpressions: [{ key: "k", operator: "In" }] } } });
    expect(bad).toThrow(ApiError);
    try {
      bad();
    } catch (err) {
      expect((err as ApiError).code).toBe(400);
    }
  });

  test("applyScale sets the replicas and takes the Scale's resourceVersion; the input is untouched", () => {
    const snapshot = structuredClone(deployment);
    const out = applyScale(deployment, { metadata: { resourceVersion: "41" }, spec: { replicas: 5 } });
    expect(out.spec?.replicas).toBe(5);
    expect(out.metadata?.resourceVersion).toBe("41");
    expect(out.metadata?.labels).toEqual({ app: "web" });
    expect(deployment).toEqual(snapshot);
    const unconditional = applyScale(deployment, { metadata: {}, spec: {} });
    expect(unconditional.spec?.replicas).toBe(0);
    expect(unconditional.metadata?.resourceVersion).toBeUndefined();
  });
});
