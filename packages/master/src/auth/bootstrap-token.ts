// Bootstrap (join) tokens, as Kubernetes defines them: `<id>.<secret>`, [a-z0-9]{6}.[a-z0-9]{16}, stored as a
// Secret `bootstrap-token-<id>` in kube-system of type bootstrap.kubernetes.io/token. A valid one authenticates
// as `system:bootstrap:<id>` in `system:bootstrappers` (+ the Secret's auth-extra-groups).
import { randomInt, timingSafeEqual } from "node:crypto";
import type { Secret } from "kubernetes-types/core/v1.js";
import { BOOTSTRAP_USER_PREFIX, GROUP_BOOTSTRAPPERS, type UserInfo } from "./user-info.js";

export const BOOTSTRAP_TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const BOOTSTRAP_TOKEN_SECRET_TYPE = "bootstrap.kubernetes.io/token";
export const BOOTSTRAP_TOKEN_SECRET_PREFIX = "bootstrap-token-";
export const BOOTSTRAP_TOKEN_NAMESPACE = "kube-system";
// Extra groups must stay inside the bootstrappers' namespace of groups, so a token cannot claim system:masters.
const EXTRA_GROUP_PATTERN = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;

export interface BootstrapToken {
  readonly id: string;
  readonly secret: string;
}

/** Splits a bearer token into id and secret, or undefined when it does not have the bootstrap format. */
export function parseBootstrapToken(token: string): BootstrapToken | undefined {
  const match = BOOTSTRAP_TOKEN_PATTERN.exec(token);
  if (match === null) return undefined;
  return { id: match[1] ?? "", secret: match[2] ?? "" };
}

export function formatBootstrapToken(token: BootstrapToken): string {
  return `${token.id}.${token.secret}`;
}

export function bootstrapSecretName(tokenId: string): string {
  return `${BOOTSTRAP_TOKEN_SECRET_PREFIX}${tokenId}`;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh random token (randomInt is uniform, so no alphabet character is favoured). */
export function generateBootstrapToken(): BootstrapToken {
  const pick = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return { id: pick(6), secret: pick(16) };
}

export interface BootstrapSecretOptions {
  /** When the token stops working; none = never. */
  readonly expiration?: Date;
  /** Each must match system:bootstrappers:…; the token's user gets them besides system:bootstrappers. */
  readonly extraGroups?: readonly string[];
  readonly description?: string;
}

/** The Secret that makes `token` valid for authentication (what `tskube token create` stores). */
export function bootstrapTokenSecret(token: BootstrapToken, options: BootstrapSecretOptions = {}): Secret {
  for (const group of options.extraGroups ?? []) {
    if (!EXTRA_GROUP_PATTERN.test(group)) {
      throw new Error(
        `bootstrap group ${JSON.stringify(group)} is invalid (must match ${EXTRA_GROUP_PATTERN.source})`,
      );
    }
  }
  const stringData: Record<string, string> = {
    "token-id": token.id,
    "token-secret": token.secret,
    "usage-bootstrap-authentication": "true",
  };
  if (options.expiration !== undefined) stringData.expiration = options.expiration.toISOString();
  if (options.extraGroups !== undefined && options.extraGroups.length > 0) {
    stringData["auth-extra-groups"] = options.extraGroups.join(",");
  }
  if (options.description !== undefined) stringData.description = options.description;
  const data = Object.fromEntries(
    Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")]),
  );
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: bootstrapSecretName(token.id), namespace: BOOTSTRAP_TOKEN_NAMESPACE },
    type: BOOTSTRAP_TOKEN_SECRET_TYPE,
    data,
  };
}

/** Reads the stored Secret `bootstrap-token-<id>` in kube-system (the lead's store read). */
export type BootstrapSecretLookup = (tokenId: string) => Promise<Secret | undefined>;

/**
 * The user a bootstrap token authenticates as, or undefined when the token is not valid: no such Secret, wrong
 * type, being deleted, secret mismatch, expired, not usable for authentication, or bad extra groups. As in
 * Kubernetes the caller learns nothing about which (the client just gets 401).
 */
export async function authenticateBootstrapToken(
  token: BootstrapToken,
  lookup: BootstrapSecretLookup,
  now: Date,
): Promise<UserInfo | undefined> {
  const secret = await lookup(token.id);
  if (secret === undefined) return undefined;
  if (secret.type !== BOOTSTRAP_TOKEN_SECRET_TYPE) return undefined;
  if (secret.metadata?.name !== bootstrapSecretName(token.id)) return undefined;
  if (secret.metadata.deletionTimestamp !== undefined) return undefined;
  const value = (key: string) => secretValue(secret, key);
  if (value("token-id") !== token.id) return undefined;
  if (!constantTimeEquals(value("token-secret") ?? "", token.secret)) return undefined;
  if (isExpired(value("expiration"), now)) return undefined;
  if (value("usage-bootstrap-authentication") !== "true") return undefined;
  const extra = (value("auth-extra-groups") ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter((g) => g !== "");
  if (extra.some((g) => !EXTRA_GROUP_PATTERN.test(g))) return undefined;
  return {
    name: `${BOOTSTRAP_USER_PREFIX}${token.id}`,
    groups: [...new Set([GROUP_BOOTSTRAPPERS, ...extra])],
  };
}

// `data` is base64 as in the API; `stringData` is honoured too in case the stored object was not yet folded.
function secretValue(secret: Secret, key: string): string | undefined {
  const encoded = secret.data?.[key];
  if (encoded !== undefined) return Buffer.from(encoded, "base64").toString("utf8");
  return secret.stringData?.[key];
}

// An unparseable expiration counts as expired: failing closed is the only safe reading.
function isExpired(expiration: string | undefined, now: Date): boolean {
  if (expiration === undefined || expiration === "") return false;
  const at = Date.parse(expiration);
  return Number.isNaN(at) || at <= now.getTime();
}

function constantTimeEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
