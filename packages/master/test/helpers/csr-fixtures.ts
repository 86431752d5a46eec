import type { webcrypto } from "node:crypto";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import { x509 } from "../../src/auth/x509-library.js";

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** A fresh P-256 key and a PEM PKCS#10 request for `subject` (e.g. "O=system:nodes, CN=system:node:w9"). */
export async function makeRequest(subject: string): Promise<{ csrPem: string; keys: CryptoKeyPair }> {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subject,
    keys,
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
  });
  return { csrPem: csr.toString("pem"), keys };
}

export function csrObject(
  csrPem: string,
  spec: Partial<CertificateSigningRequest["spec"]>,
  conditions: string[] = [],
): CertificateSigningRequest {
  return {
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: { name: "c1" },
    spec: {
      request: Buffer.from(csrPem).toString("base64"),
      signerName: "kubernetes.io/kube-apiserver-client-kubelet",
      usages: ["digital signature", "client auth"],
      username: "system:bootstrap:abcdef",
      groups: ["system:bootstrappers", "system:authenticated"],
      ...spec,
    },
    status: { conditions: conditions.map((type) => ({ type, status: "True" })) },
  };
}
