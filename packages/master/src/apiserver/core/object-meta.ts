import { randomInt, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { ApiObject } from "../api-object.js";

// Kubernetes' generated-name alphabet: no vowels (no words) and no look-alike characters.
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export function generatedName(prefix: string): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return prefix + suffix;
}

/** RFC 3339 at second precision, as metav1.Time serialises. */
export function timestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** The system-owned metadata of a new object; whatever the client sent for these is replaced. */
export function stampCreate(obj: ApiObject, now: Date): void {
  const m = { ...obj.metadata };
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  m.uid = randomUUID();
  m.creationTimestamp = timestamp(now);
  m.generation = 1;
  obj.metadata = m;
}

/** An update keeps what only the server sets: identity, creation time, generation and deletion state. */
export function carryOver(next: ApiObject, old: ApiObject): void {
  const o = old.metadata ?? {};
  const m = { ...next.metadata };
  for (const f of [
    "uid",
    "creationTimestamp",
    "generation",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
  ] as const) {
    if (o[f] === undefined) delete m[f];
    else (m as Record<string, unknown>)[f] = o[f];
  }
  delete m.selfLink;
  next.metadata = m;
}

/** Everything but metadata, status and the type fields: what bumps metadata.generation when it changes. */
export function specChanged(next: ApiObject, old: ApiObject): boolean {
  const strip = (o: ApiObject): Record<string, unknown> => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  };
  return !isDeepStrictEqual(strip(next), strip(old));
}

/** The pieces of an object that differ only in the server's bookkeeping compare equal. */
export function sameContent(a: ApiObject, b: ApiObject): boolean {
  const norm = (o: ApiObject): ApiObject => {
    const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata ?? {};
    return { ...o, metadata: meta };
  };
  return isDeepStrictEqual(norm(a), norm(b));
}
