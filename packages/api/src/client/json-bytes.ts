import type { KubeObject } from "./kube-object.js";

// Objects cross the object API as their Kubernetes JSON encoding in `bytes` fields: one encoding for every
// kind, and exactly what the HTTPS API would carry.

export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** The JSON object in `bytes`; throws `onError(reason)` (the caller's error type) for anything else. */
export function decodeJsonObject(bytes: Uint8Array, onError: (reason: string) => Error): KubeObject {
  const value = decodeJson(bytes, onError);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw onError(`expected a JSON object, got ${describe(value)}`);
  }
  return value as KubeObject;
}

/** Any JSON value in `bytes` (patch documents may be arrays). */
export function decodeJson(bytes: Uint8Array, onError: (reason: string) => Error): unknown {
  if (bytes.length === 0) throw onError("empty body");
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (err) {
    throw onError(err instanceof Error ? err.message : String(err));
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
