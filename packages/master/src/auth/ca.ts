// The cluster CA and the certificates it signs. `tskube master --init` creates the CA once and keeps it in the
// store, so every master can sign server certificates for itself and client certificates for users and nodes.
// Certificates are shaped for Go's crypto/x509 (kubectl is Go): SANs rather than the CN name the server, key
// usages and extended key usages are set, and serial numbers are positive and minimally encoded.
import { randomBytes } from "node:crypto";
import { generateKeyPair, privateKeyToPem, SIGNING_ALGORITHM, signingKeyFromPem } from "./key-pem.js";
import { x509 } from "./x509-library.js";

/** A certificate and its private key, both PEM. */
export interface CertKeyPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** The cluster CA: the same shape, named for what it is. */
export type ClusterCa = CertKeyPair;

export const CA_COMMON_NAME = "tskube-ca";
export const CA_VALIDITY_DAYS = 3650;

/**
 * The names every API server certificate carries besides the master's own addresses: the Service ClusterIP of
 * the API (10.96.0.1), loopback, and the in-cluster DNS names of the `kubernetes` Service.
 */
export const API_SERVER_DNS_NAMES: readonly string[] = [
  "localhost",
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
  "kubernetes.default.svc.cluster.local",
];
export const API_SERVER_IPS: readonly string[] = ["10.96.0.1", "127.0.0.1"];

// Issued certificates start a little in the past, so a node whose clock lags the master's still accepts them.
const BACKDATE_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export async function createClusterCa(days = CA_VALIDITY_DAYS): Promise<ClusterCa> {
  const keys = await generateKeyPair();
  const { notBefore, notAfter } = validity(days);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [CA_COMMON_NAME] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await privateKeyToPem(keys.privateKey) };
}

export interface ServerCertOptions {
  readonly commonName: string;
  /** Extra DNS names; API_SERVER_DNS_NAMES are always added. */
  readonly dnsNames?: readonly string[];
  /** The master's own IPs; API_SERVER_IPS are always added. */
  readonly ipAddresses?: readonly string[];
  readonly days?: number;
}

/** A TLS server certificate for an API server, valid for its IPs, 10.96.0.1, loopback and the Service names. */
export async function issueServerCert(ca: ClusterCa, options: ServerCertOptions): Promise<CertKeyPair> {
  const dnsNames = unique([...(options.dnsNames ?? []), ...API_SERVER_DNS_NAMES]);
  const ips = unique([...(options.ipAddresses ?? []), ...API_SERVER_IPS]);
  return issue(ca, {
    subject: [{ CN: [options.commonName] }],
    days: options.days ?? 365,
    usage: x509.ExtendedKeyUsage.serverAuth,
    altNames: [
      ...dnsNames.map((value) => ({ type: "dns" as const, value })),
      ...ips.map((value) => ({ type: "ip" as const, value })),
    ],
  });
}

export interface ClientCertOptions {
  /** Becomes the CN: the user name the API server authenticates (e.g. "admin", "system:node:n1"). */
  readonly user: string;
  /** Each becomes an O: the user's groups (e.g. "system:masters", "system:nodes"). */
  readonly groups?: readonly string[];
  readonly days?: number;
}

/** A TLS client certificate: CN = user, O = each group, as Kubernetes' x509 authenticator reads them. */
export async function issueClientCert(ca: ClusterCa, options: ClientCertOptions): Promise<CertKeyPair> {
  return issue(ca, {
    subject: [...(options.groups ?? []).map((group) => ({ O: [group] })), { CN: [options.user] }],
    days: options.days ?? 365,
    usage: x509.ExtendedKeyUsage.clientAuth,
    altNames: [],
  });
}

interface IssueOptions {
  readonly subject: Array<Record<string, string[]>>;
  readonly days: number;
  readonly usage: string;
  readonly altNames: Array<{ type: "dns" | "ip"; value: string }>;
}

async function issue(ca: ClusterCa, options: IssueOptions): Promise<CertKeyPair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const signer = await signingKeyFromPem(ca.keyPem);
  const keys = await generateKeyPair();
  const { notBefore, notAfter } = validity(options.days);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    new x509.ExtendedKeyUsageExtension([options.usage], false),
    await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
  ];
  if (options.altNames.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.altNames, false));
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: options.subject,
    issuer: caCert.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.algorithm,
    extensions,
  });
  return { certPem: cert.toString("pem"), keyPem: await privateKeyToPem(keys.privateKey) };
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  if (!(days > 0)) throw new Error(`certificate validity must be a positive number of days, got ${days}`);
  const now = Date.now();
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + days * DAY_MS) };
}

// 128 random bits, first byte 0x01–0x7f: positive (Go rejects negative serials) and minimally DER-encoded.
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) % 0x7f) + 1;
  return bytes.toString("hex");
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
