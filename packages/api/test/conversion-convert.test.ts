import { describe, expect, test } from "vitest";
import { convert } from "../src/conversion/index.js";
import { ApiError } from "../src/errors.js";

describe("convert", () => {
  test("identity for single-shape kinds: a relabelled copy, the input untouched", () => {
    const deploy = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 2 },
    };
    const out = convert(deploy, "apps", "Deployment", "v1", "v1");
    expect(out).toEqual(deploy);
    expect(out).not.toBe(deploy);
    expect(convert({ kind: "Pod", metadata: { name: "p" } }, "", "Pod", "v1", "v1")).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
    });
  });

  test("HorizontalPodAutoscaler between v1 and v2 both ways", () => {
    const hpaV1 = {
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web" },
      spec: {
        scaleTargetRef: { kind: "Deployment", name: "web" },
        maxReplicas: 3,
        targetCPUUtilizationPercentage: 60,
      },
    };
    const asV2 = convert(hpaV1, "autoscaling", "HorizontalPodAutoscaler", "v1", "v2");
    expect(asV2.apiVersion).toBe("autoscaling/v2");
    expect(asV2).toMatchObject({
      spec: {
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { averageUtilization: 60 } } }],
      },
    });
    const back = convert(asV2, "autoscaling", "HorizontalPodAutoscaler", "v2", "v1");
    expect(back).toMatchObject({
      apiVersion: "autoscaling/v1",
      spec: { targetCPUUtilizationPercentage: 60 },
    });
    expect(convert(asV2, "autoscaling", "HorizontalPodAutoscaler", "v2", "v2")).toEqual(asV2);
  });

  test("an HPA version with no conversion is a 400", () => {
    const call = () => convert({}, "autoscaling", "HorizontalPodAutoscaler", "v2beta2", "v1");
    expect(call).toThrow(ApiError);
    expect(call).toThrow("no conversion of HorizontalPodAutoscaler.autoscaling from v2beta2 to v1");
  });
});
