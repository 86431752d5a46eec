import type { DaemonSet, DaemonSetSpec } from "kubernetes-types/apps/v1.js";
import { describe, expect, it } from "vitest";
import { defaultDaemonSet } from "../src/defaults/index.js";

function daemonSet(spec: Partial<DaemonSetSpec> = {}): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "ds" },
    spec: {
      selector: { matchLabels: { app: "d" } },
      template: { metadata: { labels: { app: "d" } }, spec: { containers: [{ name: "c", image: "d:1" }] } },
      ...spec,
    },
  };
}

describe("defaultDaemonSet", () => {
  it.each([
    ["unset", undefined, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }],
    [
      "zero struct",
      { type: "" },
      { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    ],
    [
      "partial",
      { rollingUpdate: { maxUnavailable: "10%" } },
      { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%", maxSurge: 0 } },
    ],
    ["OnDelete kept", { type: "OnDelete" }, { type: "OnDelete" }],
    [
      "user values kept",
      { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } },
      { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } },
    ],
  ])("updateStrategy %s", (_name, updateStrategy, expected) => {
    const spec = updateStrategy === undefined ? {} : { updateStrategy };
    expect(defaultDaemonSet(daemonSet(spec)).spec?.updateStrategy).toEqual(expected);
  });

  it.each([
    [undefined, 10],
    [0, 0],
    [3, 3],
  ])("revisionHistoryLimit %j → %j", (limit, expected) => {
    const spec = limit === undefined ? {} : { revisionHistoryLimit: limit };
    expect(defaultDaemonSet(daemonSet(spec)).spec?.revisionHistoryLimit).toBe(expected);
  });

  it("defaults the pod template", () => {
    const tpl = defaultDaemonSet(daemonSet()).spec?.template.spec;
    expect(tpl?.dnsPolicy).toBe("ClusterFirst");
    expect(tpl?.containers[0]?.terminationMessagePolicy).toBe("File");
  });

  it("does not mutate its input", () => {
    const input = daemonSet({ updateStrategy: { rollingUpdate: {} } });
    const before = structuredClone(input);
    defaultDaemonSet(input);
    expect(input).toEqual(before);
  });
});
