import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { adminKubeconfig, kubeconfig } from "../src/auth/index.js";

const CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
const CERT = "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n";
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("adminKubeconfig", () => {
  it("has one cluster, user and named context with a namespace, current-context set, data embedded", () => {
    const text = adminKubeconfig({
      server: "https://127.0.0.1:6443",
      caPem: CA,
      clientCertPem: CERT,
      clientKeyPem: KEY,
      clusterName: "lab",
      contextName: "lab-admin",
      user: "lab-admin",
      namespace: "web",
    });
    expect(parse(text)).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        { name: "lab", cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": b64(CA) } },
      ],
      contexts: [{ name: "lab-admin", context: { cluster: "lab", user: "lab-admin", namespace: "web" } }],
      "current-context": "lab-admin",
      preferences: {},
      users: [
        { name: "lab-admin", user: { "client-certificate-data": b64(CERT), "client-key-data": b64(KEY) } },
      ],
    });
  });

  it("defaults the names and keeps long base64 on one line", () => {
    const longCert = `-----BEGIN CERTIFICATE-----\n${"A".repeat(2000)}\n-----END CERTIFICATE-----\n`;
    const text = adminKubeconfig({
      server: "https://h:6443",
      caPem: CA,
      clientCertPem: longCert,
      clientKeyPem: KEY,
    });
    const doc = parse(text);
    expect(doc["current-context"]).toBe("tskube-admin@tskube");
    expect(doc.contexts[0].context).toEqual({ cluster: "tskube", user: "tskube-admin" });
    expect(text.split("\n").some((line) => line.includes(`client-certificate-data: ${b64(longCert)}`))).toBe(
      true,
    );
  });
});

describe("kubeconfig with a token", () => {
  it("puts the token in the user entry", () => {
    const doc = parse(kubeconfig({ server: "https://h:6443", caPem: CA, user: "viewer" }, { token: "t0k" }));
    expect(doc.users).toEqual([{ name: "viewer", user: { token: "t0k" } }]);
    expect(doc["current-context"]).toBe("viewer@tskube");
  });
});
