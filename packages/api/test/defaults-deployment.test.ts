import type { Deployment, DeploymentSpec } from "kubernetes-types/apps/v1.js";
import { describe, expect, it } from "vitest";
import { defaultDeployment } from "../src/defaults/index.js";

function deployment(spec: Partial<DeploymentSpec> = {}): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      },
      ...spec,
    },
  };
}

describe("defaultDeployment", () => {
  it.each([
    ["replicas", 1],
    ["revisionHistoryLimit", 10],
    ["progressDeadlineSeconds", 600],
    ["strategy", { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } }],
  ] as const)("sets %s to %j", (field, value) => {
    expect(defaultDeployment(deployment()).spec?.[field]).toEqual(value);
  });

  it.each([
    ["replicas", 0],
    ["revisionHistoryLimit", 0],
    ["progressDeadlineSeconds", 30],
    ["strategy", { type: "Recreate" }],
    ["strategy", { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }],
  ] as const)("does not override a user-set %s (%j)", (field, value) => {
    expect(defaultDeployment(deployment({ [field]: value })).spec?.[field]).toEqual(value);
  });

  it.each([
    [
      "a partial rolling update",
      { rollingUpdate: { maxSurge: "50%" } },
      { maxUnavailable: "25%", maxSurge: "50%" },
    ],
    ["the protobuf zero strategy", { type: "" }, { maxUnavailable: "25%", maxSurge: "25%" }],
    [
      "a null rollingUpdate",
      { type: "RollingUpdate", rollingUpdate: null },
      { maxUnavailable: "25%", maxSurge: "25%" },
    ],
  ])("completes %s", (_name, strategy, rollingUpdate) => {
    const out = defaultDeployment(deployment({ strategy: strategy as DeploymentSpec["strategy"] }));
    expect(out.spec?.strategy).toEqual({ type: "RollingUpdate", rollingUpdate });
  });

  it("treats null pointer fields as unset", () => {
    const out = defaultDeployment(
      deployment({ replicas: null, revisionHistoryLimit: null } as unknown as Partial<DeploymentSpec>),
    );
    expect(out.spec?.replicas).toBe(1);
    expect(out.spec?.revisionHistoryLimit).toBe(10);
  });

  it("defaults the pod template like a PodTemplateSpec (no pod-only defaults)", () => {
    const tpl = defaultDeployment(deployment()).spec?.template.spec;
    expect(tpl?.restartPolicy).toBe("Always");
    expect(tpl?.dnsPolicy).toBe("ClusterFirst");
    expect(tpl?.schedulerName).toBe("default-scheduler");
    expect(tpl?.terminationGracePeriodSeconds).toBe(30);
    expect(tpl?.securityContext).toEqual({});
    expect(tpl?.containers[0]?.imagePullPolicy).toBe("Always");
    expect(tpl?.enableServiceLinks).toBeUndefined();
  });

  it("does not mutate its input", () => {
    const input = deployment({ strategy: { rollingUpdate: {} } });
    const before = structuredClone(input);
    const out = defaultDeployment(input);
    expect(input).toEqual(before);
    expect(out.spec?.strategy).not.toBe(input.spec?.strategy);
  });
});
