import type { PodStatus } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { sameStatus, statusPatch } from "../src/agent/status-patch.js";

describe("statusPatch", () => {
  it("sends the whole new status, with null for keys that disappeared", () => {
    const old: PodStatus = { phase: "Pending", reason: "Evicted", message: "gone", podIP: "10.244.1.5" };
    const next: PodStatus = { phase: "Running", podIP: "10.244.1.5" };
    expect(statusPatch(old, next)).toEqual({
      status: { phase: "Running", podIP: "10.244.1.5", reason: null, message: null },
    });
  });

  it("without a previous status it is just the new one", () => {
    expect(statusPatch(undefined, { phase: "Pending" })).toEqual({ status: { phase: "Pending" } });
  });
});

describe("sameStatus", () => {
  it("ignores key order at every level and undefined values", () => {
    const a: PodStatus = {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True" }],
      hostIP: "192.168.56.21",
    };
    const b = {
      hostIP: "192.168.56.21",
      conditions: [{ status: "True", type: "Ready", reason: undefined }],
      phase: "Running",
      message: undefined,
    } as PodStatus;
    expect(sameStatus(a, b)).toBe(true);
  });

  it("sees changed values and array order", () => {
    const a: PodStatus = { phase: "Running", podIPs: [{ ip: "10.244.1.5" }, { ip: "fd00::5" }] };
    expect(sameStatus(a, { ...a, phase: "Failed" })).toBe(false);
    expect(sameStatus(a, { ...a, podIPs: [{ ip: "fd00::5" }, { ip: "10.244.1.5" }] })).toBe(false);
    expect(sameStatus(undefined, {})).toBe(true);
    expect(sameStatus(undefined, { phase: "Pending" })).toBe(false);
  });
});
