// The data maps of ConfigMaps and Secrets as the API server sees them: "binaryData" and Secret "data" are
// base64 in JSON and count by their decoded size; Secret "stringData" is merged into "data" (overriding)
// before validation, as the v1 conversion does.
import { isObj, sortedKeys, str } from "./read.js";

/** Key → size in bytes and raw bytes of every entry of a base64-encoded map. */
export function decodedMap(v: unknown): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!isObj(v)) return out;
  for (const key of sortedKeys(v)) out.set(key, Buffer.from(str(v[key]), "base64"));
  return out;
}

/** Key → UTF-8 bytes of every entry of a plain string map. */
export function textMap(v: unknown): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!isObj(v)) return out;
  for (const key of sortedKeys(v)) out.set(key, Buffer.from(str(v[key]), "utf8"));
  return out;
}

/** A Secret's effective data: data with stringData laid over it. */
export function secretData(secret: unknown): Map<string, Buffer> {
  if (!isObj(secret)) return new Map();
  const data = decodedMap(secret.data);
  for (const [key, value] of textMap(secret.stringData)) data.set(key, value);
  return new Map([...data].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function sameData(a: ReadonlyMap<string, Buffer>, b: ReadonlyMap<string, Buffer>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined || !other.equals(value)) return false;
  }
  return true;
}

export function totalSize(...maps: ReadonlyMap<string, Buffer>[]): number {
  let total = 0;
  for (const map of maps) for (const value of map.values()) total += value.length;
  return total;
}
