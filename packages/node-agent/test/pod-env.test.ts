import { describe, expect, it } from "vitest";
import { expand, PodConfigError, resolveEnv } from "../src/pod/index.js";
import { ctx, pod } from "./pod-fixtures.js";

const vars = new Map([
  ["A", "x"],
  ["B", "y"],
]);
const lookup = (n: string) => vars.get(n);

describe("$(VAR) expansion", () => {
  it.each([
    ["$(A)", "x"],
    ["pre-$(A)-$(B)", "pre-x-y"],
    ["$(MISSING)", "$(MISSING)"],
    ["$$(A)", "$(A)"],
    ["$$$(A)", "$x"],
    ["$A", "$A"],
    ["$(A", "$(A"],
    ["end$", "end$"],
    ["$()", "$()"],
    ["a$$b", "a$b"],
  ])("%s → %s", (input, out) => {
    expect(expand(input, lookup)).toBe(out);
  });
});

describe("resolveEnv", () => {
  it("resolves values, refs and downward API fields in order, expanding against earlier variables", () => {
    const p = pod({
      containers: [
        {
          name: "app",
          image: "busybox",
          envFrom: [{ configMapRef: { name: "cfg" }, prefix: "CFG_" }],
          env: [
            { name: "HOST", value: "h" },
            { name: "URL", value: "http://$(HOST):$(PORT)/$(CFG_MODE)" },
            { name: "PORT", value: "80" },
            { name: "PW", valueFrom: { secretKeyRef: { name: "creds", key: "PASSWORD" } } },
            { name: "LVL", valueFrom: { configMapKeyRef: { name: "cfg", key: "level" } } },
            { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
            { name: "UID", valueFrom: { fieldRef: { fieldPath: "metadata.uid" } } },
            { name: "APP", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
            { name: "NONE", valueFrom: { fieldRef: { fieldPath: "metadata.labels['nope']" } } },
            { name: "NOTE", valueFrom: { fieldRef: { fieldPath: "metadata.annotations['note']" } } },
            { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
            { name: "HIP", valueFrom: { fieldRef: { fieldPath: "status.hostIP" } } },
            { name: "SA", valueFrom: { fieldRef: { fieldPath: "spec.serviceAccountName" } } },
            { name: "REF", value: "$(IP)" },
          ],
        },
      ],
    });
    const { env, warnings } = resolveEnv(p, p.spec!.containers[0]!, ctx());
    expect(Object.fromEntries(env)).toEqual({
      CFG_MODE: "prod",
      CFG_level: "3",
      HOST: "h",
      URL: "http://h:$(PORT)/prod",
      PORT: "80",
      PW: "s3cret",
      LVL: "3",
      POD: "web",
      NS: "shop",
      UID: "1111-2222",
      APP: "web",
      NONE: "",
      NOTE: "hi",
      NODE: "w1",
      IP: "10.244.1.5",
      HIP: "192.168.56.21",
      SA: "default",
      REF: "10.244.1.5",
    });
    expect(warnings).toEqual([
      "Keys [CFG_bad key] from the EnvFrom configMap shop/cfg were skipped since they are considered invalid environment variable names.",
    ]);
  });

  it("later definitions override envFrom; service variables never override the spec", () => {
    const p = pod({
      containers: [
        {
          name: "app",
          envFrom: [{ secretRef: { name: "creds" } }],
          env: [
            { name: "PASSWORD", value: "plain" },
            { name: "S", value: "$(SVC_HOST)" },
          ],
        },
      ],
    });
    const { env } = resolveEnv(
      p,
      p.spec!.containers[0]!,
      ctx({
        serviceEnv: new Map([
          ["SVC_HOST", "10.96.0.9"],
          ["S", "svc"],
        ]),
      }),
    );
    expect(env.get("PASSWORD")).toBe("plain");
    expect(env.get("S")).toBe("10.96.0.9");
  });

  const errorOf = (fn: () => unknown): PodConfigError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof PodConfigError) return e;
      throw e;
    }
    throw new Error("no error");
  };

  it.each([
    [{ name: "X", valueFrom: { configMapKeyRef: { name: "nope", key: "k" } } }, 'configmap "nope" not found'],
    [
      { name: "X", valueFrom: { configMapKeyRef: { name: "cfg", key: "k" } } },
      "couldn't find key k in ConfigMap shop/cfg",
    ],
    [{ name: "X", valueFrom: { secretKeyRef: { name: "nope", key: "k" } } }, 'secret "nope" not found'],
    [
      { name: "X", valueFrom: { secretKeyRef: { name: "creds", key: "k" } } },
      "couldn't find key k in Secret shop/creds",
    ],
    [
      { name: "X", valueFrom: { fieldRef: { fieldPath: "spec.bogus" } } },
      "unsupported fieldPath: spec.bogus",
    ],
  ])("missing reference → CreateContainerConfigError (%#)", (envVar, message) => {
    const p = pod({ containers: [{ name: "app", env: [envVar] }] });
    const err = errorOf(() => resolveEnv(p, p.spec!.containers[0]!, ctx()));
    expect(err.reason).toBe("CreateContainerConfigError");
    expect(err.message).toBe(message);
  });

  it("envFrom of a missing source fails unless optional", () => {
    const missing = pod({ containers: [{ name: "app", envFrom: [{ configMapRef: { name: "gone" } }] }] });
    expect(errorOf(() => resolveEnv(missing, missing.spec!.containers[0]!, ctx())).message).toBe(
      'configmap "gone" not found',
    );
    const secret = pod({ containers: [{ name: "app", envFrom: [{ secretRef: { name: "gone" } }] }] });
    expect(errorOf(() => resolveEnv(secret, secret.spec!.containers[0]!, ctx())).message).toBe(
      'secret "gone" not found',
    );
  });

  it("optional references that are missing are skipped", () => {
    const p = pod({
      containers: [
        {
          name: "app",
          envFrom: [
            { configMapRef: { name: "gone", optional: true } },
            { secretRef: { name: "gone", optional: true } },
          ],
          env: [
            { name: "A", valueFrom: { configMapKeyRef: { name: "gone", key: "k", optional: true } } },
            { name: "B", valueFrom: { configMapKeyRef: { name: "cfg", key: "k", optional: true } } },
            { name: "C", valueFrom: { secretKeyRef: { name: "creds", key: "k", optional: true } } },
            { name: "D", value: "d" },
          ],
        },
      ],
    });
    expect([...resolveEnv(p, p.spec!.containers[0]!, ctx()).env]).toEqual([["D", "d"]]);
  });

  it("resourceFieldRef divides the limit, rounding up, and falls back to node allocatable", () => {
    const p = pod({
      containers: [
        {
          name: "app",
          resources: { limits: { memory: "128Mi" }, requests: { cpu: "250m" } },
          env: [
            { name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } },
            { name: "REQ", valueFrom: { resourceFieldRef: { resource: "requests.cpu", divisor: "1m" } } },
            { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
          ],
        },
      ],
    });
    const { env } = resolveEnv(p, p.spec!.containers[0]!, ctx({ nodeAllocatable: { cpu: "1500m" } }));
    expect(Object.fromEntries(env)).toEqual({ MEM: "128", REQ: "250", CPU: "2" });
  });
});
