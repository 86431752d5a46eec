import type { ReplicaSet, ReplicaSetSpec } from "kubernetes-types/apps/v1.js";
import { describe, expect, it } from "vitest";
import { defaultReplicaSet } from "../src/defaults/index.js";

function replicaSet(spec: Partial<ReplicaSetSpec> = {}): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "rs" },
    spec: {
      selector: { matchLabels: { app: "a" } },
      template: { metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "c", image: "a:1" }] } },
      ...spec,
    },
  };
}

describe("defaultReplicaSet", () => {
  it.each([
    ["unset", {}, 1],
    ["null", { replicas: null }, 1],
    ["user 0", { replicas: 0 }, 0],
    ["user 5", { replicas: 5 }, 5],
  ])("replicas %s → %s", (_name, spec, expected) => {
    expect(defaultReplicaSet(replicaSet(spec as Partial<ReplicaSetSpec>)).spec?.replicas).toBe(expected);
  });

  it("defaults the template and leaves the rest alone", () => {
    const out = defaultReplicaSet(replicaSet({ minReadySeconds: 3 }));
    expect(out.spec?.template?.spec?.restartPolicy).toBe("Always");
    expect(out.spec?.template?.spec?.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
    expect(out.spec?.minReadySeconds).toBe(3);
    expect(out.spec?.selector).toEqual({ matchLabels: { app: "a" } });
  });

  it("does not mutate its input", () => {
    const input = replicaSet();
    const before = structuredClone(input);
    defaultReplicaSet(input);
    expect(input).toEqual(before);
  });
});
