import { X509Certificate } from "node:crypto";
import { request } from "node:https";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bootstrapTokenSecret,
  formatBootstrapToken,
  generateBootstrapToken,
} from "../src/auth/bootstrap-token.js";
import { privateKeyToPem } from "../src/auth/key-pem.js";
import { ApiCluster } from "./helpers/api-cluster.js";
import { makeRequest } from "./helpers/csr-fixtures.js";

// A node joins as Kubernetes nodes do: a bootstrap token creates a CSR for system:node:<name>, the masters
// approve and sign it, and the certificate then authenticates the node. Admin-only requests wait for
// `kubectl certificate approve`.

const CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
const token = generateBootstrapToken();
const TOKEN = formatBootstrapToken(token);
let ac: ApiCluster;

beforeAll(async () => {
  ac = await ApiCluster.start();
  const secret = bootstrapTokenSecret(token, {
    extraGroups: ["system:bootstrappers:tskube:default-node-token"],
  });
  const r = await ac.kubectl(["apply", "-f", "-"], JSON.stringify(secret));
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await ac?.destroy();
});

function csrBody(name: string, csrPem: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: { name },
    spec: {
      request: Buffer.from(csrPem).toString("base64"),
      signerName: "kubernetes.io/kube-apiserver-client-kubelet",
      usages: ["digital signature", "client auth"],
      ...extra,
    },
  });
}

async function getCsr(name: string): Promise<CertificateSigningRequest> {
  const r = await ac.raw("GET", `${CSRS}/${name}`, { token: TOKEN });
  expect(r.status, r.body).toBe(200);
  return JSON.parse(r.body) as CertificateSigningRequest;
}

async function waitFor(
  name: string,
  done: (csr: CertificateSigningRequest) => boolean,
): Promise<CertificateSigningRequest> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const csr = await getCsr(name);
    if (done(csr) || Date.now() > deadline) return csr;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function getWithCert(
  path: string,
  certPem: string,
  keyPem: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, ac.cluster.apiUrl("m1")),
      { method: "GET", ca: ac.caPem, cert: certPem, key: keyPem },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const issued = (csr: CertificateSigningRequest) => (csr.status?.certificate ?? "") !== "";

describe("node join with a bootstrap token", () => {
  it("a bootstrapper's CSR is auto-approved and signed; the certificate authenticates system:node:w9", async () => {
    const { csrPem, keys } = await makeRequest("O=system:nodes, CN=system:node:w9");
    // What the client claims about itself is replaced by who it is.
    const created = await ac.raw("POST", CSRS, {
      token: TOKEN,
      contentType: "application/json",
      body: csrBody("node-w9", csrPem, { username: "admin", groups: ["system:masters"] }),
    });
    expect(created.status, created.body).toBe(201);
    const spec = (JSON.parse(created.body) as CertificateSigningRequest).spec;
    expect(spec.username).toBe(`system:bootstrap:${token.id}`);
    expect(spec.groups).toContain("system:bootstrappers");
    expect(spec.groups).toContain("system:bootstrappers:tskube:default-node-token");
    expect(spec.groups).not.toContain("system:masters");

    const csr = await waitFor("node-w9", issued);
    expect(csr.status?.conditions?.[0]).toMatchObject({
      type: "Approved",
      status: "True",
      reason: "AutoApproved",
      message: "Auto approving kubelet client certificate after SubjectAccessReview.",
    });
    const certPem = Buffer.from(csr.status?.certificate ?? "", "base64").toString();
    const cert = new X509Certificate(certPem);
    expect(cert.verify(new X509Certificate(ac.caPem).publicKey)).toBe(true);
    expect(cert.subject.split("\n").sort()).toEqual(["CN=system:node:w9", "O=system:nodes"]);

    const keyPem = await privateKeyToPem(keys.privateKey);
    const node = await getWithCert("/api/v1/nodes/w9", certPem, keyPem);
    expect(node.status, node.body).toBe(404);
    // As the node it may also list CSRs (renewal).
    expect((await getWithCert(CSRS, certPem, keyPem)).status).toBe(200);
  });

  it("a bootstrapper may not write status or approval, nor read other resources", async () => {
    const csr = await getCsr("node-w9");
    const put = await ac.raw("PUT", `${CSRS}/node-w9/approval`, {
      token: TOKEN,
      contentType: "application/json",
      body: JSON.stringify(csr),
    });
    expect(put.status).toBe(403);
    expect((await ac.raw("GET", "/api/v1/nodes", { token: TOKEN })).status).toBe(403);
  });

  it("rejects requests that do not parse and too short durations", async () => {
    const { csrPem } = await makeRequest("O=system:nodes, CN=system:node:w1");
    const bad = await ac.raw("POST", CSRS, {
      token: TOKEN,
      contentType: "application/json",
      body: csrBody("bad-pem", ac.caPem),
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain("PEM block type must be CERTIFICATE REQUEST");
    const short = await ac.raw("POST", CSRS, {
      token: TOKEN,
      contentType: "application/json",
      body: csrBody("short", csrPem, { expirationSeconds: 60 }),
    });
    expect(short.status).toBe(422);
    expect(short.body).toContain("may not specify a duration less than 600 seconds (10 minutes)");
  });

  it("kubectl get csr, certificate approve and deny; a system:masters request is never auto-approved", async () => {
    const masters = await makeRequest("O=system:masters, CN=system:node:x");
    const sneaky = await ac.raw("POST", CSRS, {
      token: TOKEN,
      contentType: "application/json",
      body: csrBody("sneaky", masters.csrPem),
    });
    expect(sneaky.status, sneaky.body).toBe(201);

    const alice = await makeRequest("O=devs, CN=alice");
    const created = await ac.kubectl(
      ["create", "-f", "-"],
      csrBody("alice", alice.csrPem, {
        signerName: "kubernetes.io/kube-apiserver-client",
        usages: ["client auth"],
        expirationSeconds: 86400,
      }),
    );
    expect(created.code, created.stderr).toBe(0);
    const approve = await ac.kubectl(["certificate", "approve", "alice"]);
    expect(approve.code, approve.stderr).toBe(0);
    expect(approve.stdout).toContain("certificatesigningrequest.certificates.k8s.io/alice approved");
    const signed = await waitFor("alice", issued);
    expect(signed.status?.conditions?.map((c) => c.type)).toEqual(["Approved"]);
    const cert = new X509Certificate(Buffer.from(signed.status?.certificate ?? "", "base64").toString());
    expect(cert.subject.split("\n").sort()).toEqual(["CN=alice", "O=devs"]);

    // By now the controller has long seen "sneaky": it stays pending.
    expect((await getCsr("sneaky")).status?.conditions ?? []).toEqual([]);
    const deny = await ac.kubectl(["certificate", "deny", "sneaky"]);
    expect(deny.code, deny.stderr).toBe(0);

    const table = await ac.kubectl(["get", "csr"]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines[0]?.split(/\s+/)).toEqual([
      "NAME",
      "AGE",
      "SIGNERNAME",
      "REQUESTOR",
      "REQUESTEDDURATION",
      "CONDITION",
    ]);
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.split(/\s+/) ?? [];
    expect(row("alice").slice(2)).toEqual([
      "kubernetes.io/kube-apiserver-client",
      "tskube-admin",
      "24h",
      "Approved,Issued",
    ]);
    expect(row("node-w9").slice(2)).toEqual([
      "kubernetes.io/kube-apiserver-client-kubelet",
      `system:bootstrap:${token.id}`,
      "<none>",
      "Approved,Issued",
    ]);
    expect(row("sneaky").at(-1)).toBe("Denied");
    expect((await getCsr("sneaky")).status?.certificate ?? "").toBe("");
  });
});
