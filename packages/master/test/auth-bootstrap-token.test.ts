import type { Secret } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import {
  authenticateBootstrapToken,
  BOOTSTRAP_TOKEN_PATTERN,
  bootstrapTokenSecret,
  formatBootstrapToken,
  generateBootstrapToken,
  parseBootstrapToken,
} from "../src/auth/index.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const TOKEN = { id: "abcdef", secret: "0123456789abcdef" };

function lookupOf(...secrets: Secret[]) {
  return async (id: string) => secrets.find((s) => s.metadata?.name === `bootstrap-token-${id}`);
}

function b64(s: string): string {
  return Buffer.from(s).toString("base64");
}

describe("bootstrap token format", () => {
  it("is [a-z0-9]{6}.[a-z0-9]{16}", () => {
    expect(parseBootstrapToken("abcdef.0123456789abcdef")).toEqual(TOKEN);
    for (const bad of [
      "abcde.0123456789abcdef",
      "abcdefg.0123456789abcdef",
      "abcdef.0123456789abcde",
      "ABCDEF.0123456789abcdef",
      "abcdef-0123456789abcdef",
      "abcdef.0123456789abcdef ",
      "abcdef.0123456789abcdef.x",
    ]) {
      expect(parseBootstrapToken(bad), bad).toBeUndefined();
    }
  });

  it("generates random tokens of that format", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const text = formatBootstrapToken(generateBootstrapToken());
      expect(text).toMatch(BOOTSTRAP_TOKEN_PATTERN);
      seen.add(text);
    }
    expect(seen.size).toBe(50);
  });
});

describe("bootstrapTokenSecret", () => {
  it("is the kube-system Secret Kubernetes uses, data base64-encoded", () => {
    const secret = bootstrapTokenSecret(TOKEN, {
      expiration: new Date("2026-01-02T00:00:00Z"),
      extraGroups: ["system:bootstrappers:tskube:default-node-token"],
      description: "join",
    });
    expect(secret.metadata).toEqual({ name: "bootstrap-token-abcdef", namespace: "kube-system" });
    expect(secret.type).toBe("bootstrap.kubernetes.io/token");
    const decoded = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]),
    );
    expect(decoded).toEqual({
      "token-id": "abcdef",
      "token-secret": "0123456789abcdef",
      "usage-bootstrap-authentication": "true",
      expiration: "2026-01-02T00:00:00.000Z",
      "auth-extra-groups": "system:bootstrappers:tskube:default-node-token",
      description: "join",
    });
  });

  it("refuses extra groups outside system:bootstrappers:", () => {
    expect(() => bootstrapTokenSecret(TOKEN, { extraGroups: ["system:masters"] })).toThrow(
      /"system:masters" is invalid/,
    );
  });
});

describe("authenticateBootstrapToken", () => {
  const valid = bootstrapTokenSecret(TOKEN, {
    expiration: new Date("2026-01-02T00:00:00Z"),
    extraGroups: ["system:bootstrappers:workers"],
  });

  it("authenticates as system:bootstrap:<id> in system:bootstrappers plus the extra groups", async () => {
    expect(await authenticateBootstrapToken(TOKEN, lookupOf(valid), NOW)).toEqual({
      name: "system:bootstrap:abcdef",
      groups: ["system:bootstrappers", "system:bootstrappers:workers"],
    });
  });

  it("reads stringData when data lacks a key", async () => {
    const secret: Secret = {
      metadata: { name: "bootstrap-token-abcdef", namespace: "kube-system" },
      type: "bootstrap.kubernetes.io/token",
      stringData: {
        "token-id": "abcdef",
        "token-secret": TOKEN.secret,
        "usage-bootstrap-authentication": "true",
      },
    };
    expect((await authenticateBootstrapToken(TOKEN, lookupOf(secret), NOW))?.groups).toEqual([
      "system:bootstrappers",
    ]);
  });

  const cases: Array<[string, Secret]> = [
    ["a wrong secret", { ...valid, data: { ...valid.data, "token-secret": b64("ffffffffffffffff") } }],
    ["a different token-id", { ...valid, data: { ...valid.data, "token-id": b64("zzzzzz") } }],
    ["the wrong type", { ...valid, type: "Opaque" }],
    ["an expired token", { ...valid, data: { ...valid.data, expiration: b64("2025-12-31T23:59:59Z") } }],
    ["an unparseable expiration", { ...valid, data: { ...valid.data, expiration: b64("tomorrow") } }],
    [
      "no usage-bootstrap-authentication",
      { ...valid, data: { ...valid.data, "usage-bootstrap-authentication": b64("false") } },
    ],
    ["a bad extra group", { ...valid, data: { ...valid.data, "auth-extra-groups": b64("system:masters") } }],
    [
      "a Secret being deleted",
      { ...valid, metadata: { ...valid.metadata, deletionTimestamp: "2025-12-31T00:00:00Z" } },
    ],
  ];
  it.each(cases)("rejects %s", async (_, secret) => {
    expect(await authenticateBootstrapToken(TOKEN, lookupOf(secret), NOW)).toBeUndefined();
  });

  it("rejects a token whose Secret does not exist", async () => {
    expect(await authenticateBootstrapToken(TOKEN, lookupOf(), NOW)).toBeUndefined();
  });
});
