// Keys, the node's certificate request and the server's self-signed certificate. ECDSA P-256, like the masters.
import { createPrivateKey, webcrypto, X509Certificate } from "node:crypto";

const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;

async function keyPairWithPem(): Promise<{ keys: webcrypto.CryptoKeyPair; keyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const keyPem = createPrivateKey({ key: der, format: "der", type: "pkcs8" })
    .export({ format: "pem", type: "pkcs8" })
    .toString();
  return { keys, keyPem };
}

/** A fresh key and a PKCS#10 request for `CN=system:node:NAME, O=system:nodes` (what the CSR approver accepts). */
export async function nodeCertificateRequest(nodeName: string): Promise<{ keyPem: string; csrPem: string }> {
  const { x509 } = await import("./x509-library.js");
  const { keys, keyPem } = await keyPairWithPem();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [`system:node:${nodeName}`] }, { O: ["system:nodes"] }],
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
  });
  return { keyPem, csrPem: csr.toString("pem") };
}

/** The agent's serving certificate: self-signed for its host name and IP (the API server does not verify it). */
export async function selfSignedServingCert(
  nodeName: string,
  nodeIP: string,
): Promise<{ certPem: string; keyPem: string }> {
  const { x509 } = await import("./x509-library.js");
  const { keys, keyPem } = await keyPairWithPem();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: [{ CN: [`${nodeName}@${Math.floor(now / 1000)}`] }],
    notBefore: new Date(now - 5 * 60_000),
    notAfter: new Date(now + 365 * 24 * 3600_000),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: nodeName },
        { type: "ip", value: nodeIP },
      ]),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem };
}

/** Whether a PEM certificate is valid for at least `marginMs` more and names `subject` (a substring of its subject). */
export function certificateUsable(
  certPem: string,
  subject: string,
  marginMs: number,
  now = new Date(),
): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return cert.subject.includes(subject) && new Date(cert.validTo).getTime() - marginMs > now.getTime();
  } catch {
    return false;
  }
}
