// Reading spec.request of a CertificateSigningRequest: base64 (it is a []byte field) of a PEM
// "CERTIFICATE REQUEST" block holding a PKCS#10 request. Shared by the API server's validation (does it
// parse?) and the approver and signer (what does it ask for?).
import { x509 } from "../../auth/x509-library.js";

export const PEM_TYPE_ERROR = "PEM block type must be CERTIFICATE REQUEST";

/** What a request asks for: its subject, read as Kubernetes' x509 authenticator reads certificates. */
export interface RequestedSubject {
  readonly commonName: string;
  readonly organizations: readonly string[];
  /** Any other subject attribute (OU, C, …) or SANs, which the kubelet client rules forbid. */
  readonly otherSubjectFields: readonly string[];
  readonly hasSubjectAltNames: boolean;
}

/** The PEM text of spec.request (the JSON value is the base64 of the PEM bytes). */
export function requestPem(base64: string): string {
  return Buffer.from(base64, "base64").toString("latin1");
}

/** Parses the first CERTIFICATE REQUEST block; throws with Kubernetes-like messages otherwise. */
export function parseRequest(base64: string): x509.Pkcs10CertificateRequest {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(requestPem(base64));
  if (match === null || match[1] !== "CERTIFICATE REQUEST") throw new Error(PEM_TYPE_ERROR);
  const der = Buffer.from((match[2] ?? "").replace(/\s+/g, ""), "base64");
  try {
    return new x509.Pkcs10CertificateRequest(der);
  } catch (err) {
    throw new Error(`x509: malformed certificate request: ${(err as Error).message}`);
  }
}

/** The error text of a request that does not parse, or undefined when it does. */
export function requestParseError(base64: string): string | undefined {
  try {
    parseRequest(base64);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function requestedSubject(csr: x509.Pkcs10CertificateRequest): RequestedSubject {
  const commonName: string[] = [];
  const organizations: string[] = [];
  const other: string[] = [];
  for (const rdn of csr.subjectName.toJSON()) {
    for (const [type, values] of Object.entries(rdn)) {
      if (type === "CN") commonName.push(...values);
      else if (type === "O") organizations.push(...values);
      else other.push(type);
    }
  }
  const san = csr.extensions.find((e) => e instanceof x509.SubjectAlternativeNameExtension);
  return {
    commonName: commonName.length === 1 ? (commonName[0] ?? "") : "",
    organizations,
    otherSubjectFields: commonName.length > 1 ? [...other, "CN"] : other,
    hasSubjectAltNames: san !== undefined && san.names.items.length > 0,
  };
}
