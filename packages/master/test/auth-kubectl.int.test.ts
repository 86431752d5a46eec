// The real kubectl (Go's crypto/tls) against a tiny https server on loopback that uses our certificates and our
// generated kubeconfig: proves Go accepts the CA, the server certificate and the client certificate.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminKubeconfig,
  type ClusterCa,
  createAuthenticator,
  createClusterCa,
  issueClientCert,
  issueServerCert,
  kubeconfig,
  parseTokenFile,
  type UserInfo,
} from "../src/auth/index.js";

const VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2025-01-01T00:00:00Z",
  goVersion: "go1.23.4",
  compiler: "gc",
  platform: "linux/amd64",
};

let ca: ClusterCa;
let server: Server;
let port: number;
let dir: string;
const seen: Array<{ path: string; user: UserInfo | null }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tskube-auth-kubectl-"));
  ca = await createClusterCa();
  const serving = await issueServerCert(ca, { commonName: "m1" });
  const authenticate = createAuthenticator({ tokens: parseTokenFile("s3cret-view,viewer,42,tskube:view\n") });
  server = createServer(
    {
      key: serving.keyPem,
      cert: serving.certPem,
      ca: ca.certPem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      authenticate({
        peerCertificate: socket.getPeerCertificate(),
        socketAuthorized: socket.authorized,
        authorization: req.headers.authorization,
      }).then((user) => {
        seen.push({ path: req.url ?? "", user });
        res.setHeader("content-type", "application/json");
        if (user === null) {
          res.writeHead(401);
          res.end(
            JSON.stringify({
              kind: "Status",
              apiVersion: "v1",
              metadata: {},
              status: "Failure",
              message: "Unauthorized",
              reason: "Unauthorized",
              code: 401,
            }),
          );
        } else if ((req.url ?? "").startsWith("/version")) {
          res.end(JSON.stringify(VERSION));
        } else {
          res.writeHead(404);
          res.end("{}");
        }
      }, console.error);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function kubectl(
  kubeconfigText: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const path = join(dir, `kubeconfig-${seen.length}-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, kubeconfigText, { mode: 0o600 });
  return new Promise((resolve) => {
    execFile(
      "kubectl",
      ["--kubeconfig", path, "--cache-dir", join(dir, "cache"), ...args],
      { timeout: 60_000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

describe("kubectl with the generated kubeconfig", () => {
  it("`kubectl version` verifies our server certificate and authenticates with our client certificate", async () => {
    const admin = await issueClientCert(ca, { user: "admin", groups: ["system:masters"] });
    const config = adminKubeconfig({
      server: `https://127.0.0.1:${port}`,
      caPem: ca.certPem,
      clientCertPem: admin.certPem,
      clientKeyPem: admin.keyPem,
      namespace: "default",
    });
    seen.length = 0;
    const result = await kubectl(config, "version", "-o", "json");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as { serverVersion?: { minor?: string } };
    expect(printed.serverVersion?.minor).toBe("32");
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.path).toMatch(/^\/version/);
      expect(request.user).toEqual({ name: "admin", groups: ["system:masters", "system:authenticated"] });
    }
  }, 90_000);

  it("a client certificate from another CA reaches the server but is answered 401, which kubectl reports", async () => {
    const foreign = await issueClientCert(await createClusterCa(), {
      user: "admin",
      groups: ["system:masters"],
    });
    const config = adminKubeconfig({
      server: `https://127.0.0.1:${port}`,
      caPem: ca.certPem,
      clientCertPem: foreign.certPem,
      clientKeyPem: foreign.keyPem,
    });
    seen.length = 0;
    const result = await kubectl(config, "version", "-o", "json");
    expect(result.code).not.toBe(0);
    expect(result.err).toContain("You must be logged in to the server");
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.user === null)).toBe(true);
  }, 90_000);

  it("a token kubeconfig authenticates with the bearer token over the same verified TLS", async () => {
    const config = kubeconfig(
      { server: `https://127.0.0.1:${port}`, caPem: ca.certPem, user: "viewer", namespace: "web" },
      { token: "s3cret-view" },
    );
    seen.length = 0;
    const result = await kubectl(config, "version", "-o", "json");
    expect(result.code).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.user).toEqual({
        name: "viewer",
        uid: "42",
        groups: ["tskube:view", "system:authenticated"],
      });
    }
  }, 90_000);
});
