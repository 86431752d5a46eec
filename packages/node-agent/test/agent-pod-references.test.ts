import { describe, expect, it } from "vitest";
import { podReferences } from "../src/agent/pod-references.js";
import { pod } from "./pod-fixtures.js";

describe("podReferences", () => {
  it("collects ConfigMaps, Secrets and claims from volumes (projected too), env and envFrom of every container", () => {
    const refs = podReferences(
      pod({
        volumes: [
          { name: "a", configMap: { name: "cm-vol" } },
          { name: "b", secret: { secretName: "sec-vol" } },
          { name: "c", persistentVolumeClaim: { claimName: "data" } },
          {
            name: "d",
            projected: {
              sources: [
                { configMap: { name: "cm-proj" } },
                { secret: { name: "sec-proj" } },
                { downwardAPI: { items: [] } },
              ],
            },
          },
          { name: "e", emptyDir: {} },
        ],
        initContainers: [
          {
            name: "init",
            image: "busybox",
            env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "cm-init", key: "x" } } }],
            envFrom: [{ secretRef: { name: "sec-init" } }],
          },
        ],
        containers: [
          {
            name: "app",
            image: "busybox",
            env: [
              { name: "PLAIN", value: "1" },
              { name: "PW", valueFrom: { secretKeyRef: { name: "sec-env", key: "pw" } } },
              { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            ],
            envFrom: [{ configMapRef: { name: "cm-envfrom" } }, { configMapRef: { name: "cm-vol" } }],
          },
        ],
      }),
    );
    expect([...refs.configMaps].sort()).toEqual(["cm-envfrom", "cm-init", "cm-proj", "cm-vol"]);
    expect([...refs.secrets].sort()).toEqual(["sec-env", "sec-init", "sec-proj", "sec-vol"]);
    expect([...refs.claims]).toEqual(["data"]);
  });

  it("a pod with no references has empty sets", () => {
    const refs = podReferences(pod());
    expect([refs.configMaps.size, refs.secrets.size, refs.claims.size]).toEqual([0, 0, 0]);
  });
});
