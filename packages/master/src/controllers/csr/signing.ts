// Issuing the certificate of an approved request with the cluster CA (Kubernetes' csrsigning controller for
// the kube-apiserver-client and kube-apiserver-client-kubelet signers): subject and public key come from
// the request, key usages from spec.usages, validity from spec.expirationSeconds (default one year) but
// never past the CA's own expiry.
import { randomBytes } from "node:crypto";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import type { ClusterCa } from "../../auth/ca.js";
import { signingKeyFromPem } from "../../auth/key-pem.js";
import { x509 } from "../../auth/x509-library.js";
import { kubeletClientProblem } from "./approval.js";
import { parseRequest, requestedSubject } from "./request.js";
import { CLIENT_USAGES, KUBELET_CLIENT_SIGNER } from "./signers.js";

export const DEFAULT_VALIDITY_SECONDS = 365 * 24 * 3600;
// As Kubernetes' signer: certificates start a little in the past for clocks that lag.
const BACKDATE_MS = 5 * 60_000;

/** The request cannot be signed: becomes a Failed condition with this message. */
export class SigningRefused extends Error {}

const KEY_USAGE_FLAGS: Readonly<Record<string, number>> = {
  "digital signature": x509.KeyUsageFlags.digitalSignature,
  signing: x509.KeyUsageFlags.digitalSignature,
  "content commitment": x509.KeyUsageFlags.nonRepudiation,
  "key encipherment": x509.KeyUsageFlags.keyEncipherment,
  "key agreement": x509.KeyUsageFlags.keyAgreement,
  "data encipherment": x509.KeyUsageFlags.dataEncipherment,
  "cert sign": x509.KeyUsageFlags.keyCertSign,
  "crl sign": x509.KeyUsageFlags.cRLSign,
  "encipher only": x509.KeyUsageFlags.encipherOnly,
  "decipher only": x509.KeyUsageFlags.decipherOnly,
};
const EXT_KEY_USAGES: Readonly<Record<string, string>> = {
  "client auth": x509.ExtendedKeyUsage.clientAuth,
  "server auth": x509.ExtendedKeyUsage.serverAuth,
};

export interface SignOptions {
  readonly now?: Date;
}

/**
 * The PEM certificate for an approved request. Throws SigningRefused when the request does not parse, its
 * signature does not verify, or it asks for more than its signer issues.
 */
export async function signRequest(
  csr: CertificateSigningRequest,
  ca: ClusterCa,
  options: SignOptions = {},
): Promise<string> {
  const spec = csr.spec;
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = parseRequest(spec.request);
  } catch (err) {
    throw new SigningRefused(`unable to parse csr: ${(err as Error).message}`);
  }
  if (!(await request.verify().catch(() => false))) {
    throw new SigningRefused("unable to verify csr: signature does not match the public key");
  }
  const usages = spec.usages ?? [];
  if (spec.signerName === KUBELET_CLIENT_SIGNER) {
    const problem = kubeletClientProblem(requestedSubject(request), usages);
    if (problem !== undefined)
      throw new SigningRefused(`invalid kubelet client certificate request: ${problem}`);
  } else {
    const extra = usages.filter((u) => !CLIENT_USAGES.includes(u));
    if (!usages.includes("client auth") || extra.length > 0) {
      throw new SigningRefused(
        `invalid usages for signer ${spec.signerName}: must include "client auth" and only ${CLIENT_USAGES.join(", ")}`,
      );
    }
  }
  const caCert = new x509.X509Certificate(ca.certPem);
  const signer = await signingKeyFromPem(ca.keyPem);
  const now = (options.now ?? new Date()).getTime();
  const seconds = spec.expirationSeconds ?? DEFAULT_VALIDITY_SECONDS;
  const notAfter = new Date(Math.min(now + seconds * 1000, caCert.notAfter.getTime()));
  const flags = usages.reduce((acc, u) => acc | (KEY_USAGE_FLAGS[u] ?? 0), 0);
  const ext = usages.flatMap((u) => (EXT_KEY_USAGES[u] === undefined ? [] : [EXT_KEY_USAGES[u]]));
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension(ext, false),
    await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
  ];
  if (flags !== 0) extensions.push(new x509.KeyUsagesExtension(flags, true));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: request.subjectName,
    issuer: caCert.subjectName,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter,
    publicKey: request.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.algorithm,
    extensions,
  });
  return cert.toString("pem");
}

// 128 random bits, positive and minimally DER-encoded (Go rejects negative serials).
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) % 0x7f) + 1;
  return bytes.toString("hex");
}
