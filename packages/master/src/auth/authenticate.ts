// Authentication of an API request, in Kubernetes' order: a client certificate the TLS layer verified against
// the cluster CA, else a bearer token (the static token file, then bootstrap tokens). The HTTPS server is
// created with `requestCert: true, rejectUnauthorized: false, ca`, so a client without a certificate, or with
// one from another CA, still connects and may authenticate with a token; `socket.authorized` says whether the
// certificate it sent chains to the CA.
import { unauthorized } from "@tskube/api";
import {
  authenticateBootstrapToken,
  type BootstrapSecretLookup,
  parseBootstrapToken,
} from "./bootstrap-token.js";
import type { TokenTable } from "./token-file.js";
import { type UserInfo, withAuthenticatedGroup } from "./user-info.js";

/** The parts of Node's `tlsSocket.getPeerCertificate()` used here (an empty object when none was sent). */
export interface PeerCertificateLike {
  readonly subject?: {
    readonly CN?: string | readonly string[];
    readonly O?: string | readonly string[];
  };
}

export interface AuthenticationInput {
  /** `tlsSocket.getPeerCertificate()`, or undefined for a plain connection. */
  readonly peerCertificate?: PeerCertificateLike | undefined;
  /** `tlsSocket.authorized`: the peer certificate chains to the cluster CA and is within its validity. */
  readonly socketAuthorized: boolean;
  /** The request's Authorization header. */
  readonly authorization?: string | undefined;
}

export interface AuthenticatorSources {
  readonly tokens?: TokenTable;
  readonly lookupBootstrapSecret?: BootstrapSecretLookup;
  /** Injected so tests can move time (bootstrap token expiry). */
  readonly now?: () => Date;
}

/**
 * Resolves to the user (with `system:authenticated`), or null when the request carries no usable credential
 * (the caller answers 401). A bearer token that matches nothing throws ApiError Unauthorized.
 */
export type Authenticator = (input: AuthenticationInput) => Promise<UserInfo | null>;

export function createAuthenticator(sources: AuthenticatorSources): Authenticator {
  const now = sources.now ?? (() => new Date());
  return async (input) => {
    const fromCert = input.socketAuthorized ? userFromCertificate(input.peerCertificate) : undefined;
    if (fromCert !== undefined) return withAuthenticatedGroup(fromCert);

    const token = bearerToken(input.authorization);
    if (token === undefined) return null;
    const fromFile = sources.tokens?.get(token);
    if (fromFile !== undefined) return withAuthenticatedGroup(fromFile);
    const bootstrap = parseBootstrapToken(token);
    if (bootstrap !== undefined && sources.lookupBootstrapSecret !== undefined) {
      const user = await authenticateBootstrapToken(bootstrap, sources.lookupBootstrapSecret, now());
      if (user !== undefined) return withAuthenticatedGroup(user);
    }
    throw unauthorized();
  };
}

/** CN = user name, O = groups; undefined when there is no certificate or it has no CN. */
export function userFromCertificate(cert: PeerCertificateLike | undefined): UserInfo | undefined {
  const subject = cert?.subject;
  if (subject === undefined) return undefined;
  // Node gives a string for one value and an array for several; a certificate with two CNs is ambiguous.
  const names = values(subject.CN);
  if (names.length !== 1 || names[0] === "") return undefined;
  return { name: names[0] ?? "", groups: values(subject.O) };
}

/**
 * The token of an `Authorization: Bearer <token>` header; undefined for none, another scheme or an empty
 * token (as Kubernetes, which then treats the request as carrying no token at all).
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parts = header.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0]?.toLowerCase() !== "bearer") return undefined;
  const token = parts[1] ?? "";
  return token === "" ? undefined : token;
}

function values(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return [];
  return typeof v === "string" ? [v] : [...v];
}
