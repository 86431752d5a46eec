// The node's identity: a client certificate for `system:node:NAME` signed by the cluster CA. Obtained once with
// the bootstrap token (a CertificateSigningRequest the masters approve and sign, as kubelet's TLS bootstrap
// does), then kept in the data dir and reused across restarts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ObjectClient } from "@tskube/api/client";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import type { AgentOptions } from "./agent-options.js";
import { AgentError } from "./errors.js";
import { certificateUsable, nodeCertificateRequest } from "./key-material.js";
import type { AgentLogger } from "./logger.js";

export interface NodeCredentials {
  readonly certPem: string;
  readonly keyPem: string;
}

const KUBELET_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
/** Re-join when less than this is left, so a node never runs with an expired identity. */
const RENEW_MARGIN_MS = 24 * 3600_000;
const APPROVAL_TIMEOUT_MS = 5 * 60_000;

export function pkiDir(dataDir: string): string {
  return join(dataDir, "pki");
}

/** The node's client certificate: from the data dir, or by joining with the bootstrap token. */
export async function nodeCredentials(o: AgentOptions, log: AgentLogger): Promise<NodeCredentials> {
  const dir = pkiDir(o.dataDir);
  const certFile = join(dir, "node.crt");
  const keyFile = join(dir, "node.key");
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, "utf8");
    if (certificateUsable(certPem, `CN=system:node:${o.nodeName}`, RENEW_MARGIN_MS)) {
      return { certPem, keyPem: readFileSync(keyFile, "utf8") };
    }
    log.info({ certFile }, "node certificate expired or for another node; joining again");
  }
  if (o.token === undefined || o.token === "") {
    throw new AgentError(`no node certificate in ${dir} and no --token to join with`);
  }
  const creds = await joinWithToken(o, o.token, log);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, creds.keyPem, { mode: 0o600 });
  writeFileSync(certFile, creds.certPem, { mode: 0o644 });
  return creds;
}

async function joinWithToken(o: AgentOptions, token: string, log: AgentLogger): Promise<NodeCredentials> {
  const { keyPem, csrPem } = await nodeCertificateRequest(o.nodeName);
  const client = new ObjectClient(o.servers, {
    credentials: grpc.credentials.createSsl(Buffer.from(o.caPem)),
    token,
    retryBudgetMs: 60_000,
  });
  try {
    const created = await client.create("certificatesigningrequests", {
      apiVersion: "certificates.k8s.io/v1",
      kind: "CertificateSigningRequest",
      metadata: { generateName: "node-csr-" },
      spec: {
        request: Buffer.from(csrPem).toString("base64"),
        signerName: KUBELET_CLIENT_SIGNER,
        usages: ["digital signature", "client auth"],
      },
    } as CertificateSigningRequest);
    const name = created.metadata?.name ?? "";
    log.info({ csr: name }, "certificate signing request created; waiting for the masters to sign it");
    const certPem = await waitForCertificate(client, name);
    log.info({ csr: name }, "node certificate issued");
    return { certPem, keyPem };
  } finally {
    client.close();
  }
}

async function waitForCertificate(client: ObjectClient, name: string): Promise<string> {
  const watch = await client.watch("certificatesigningrequests", { fieldSelector: `metadata.name=${name}` });
  const timer = setTimeout(() => watch.close(), APPROVAL_TIMEOUT_MS);
  try {
    for await (const ev of watch) {
      if (ev.type !== "ADDED" && ev.type !== "MODIFIED") continue;
      const csr = ev.object as CertificateSigningRequest;
      const refused = csr.status?.conditions?.find((c) => c.type === "Denied" || c.type === "Failed");
      if (refused !== undefined) {
        throw new AgentError(
          `certificate signing request ${name} was ${refused.type.toLowerCase()}: ${refused.message ?? refused.reason ?? ""}`,
        );
      }
      const cert = csr.status?.certificate;
      if (cert !== undefined && cert !== "") return Buffer.from(cert, "base64").toString("utf8");
    }
  } finally {
    clearTimeout(timer);
    watch.close();
  }
  throw new AgentError(
    `certificate signing request ${name} was not signed within ${APPROVAL_TIMEOUT_MS / 1000} s`,
  );
}
