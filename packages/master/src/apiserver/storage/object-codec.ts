import type { ApiObject } from "../api-object.js";

// Objects are stored as JSON without metadata.resourceVersion: the store's mod revision IS the
// resourceVersion, set when an object is read back (as the Kubernetes API server does with etcd).

export function encodeObject(obj: ApiObject): string {
  const metadata = obj.metadata;
  if (metadata?.resourceVersion === undefined) return JSON.stringify(obj);
  const { resourceVersion: _drop, ...rest } = metadata;
  return JSON.stringify({ ...obj, metadata: rest });
}

export function decodeObject(text: string, modRevision: number): ApiObject {
  const obj = JSON.parse(text) as ApiObject;
  obj.metadata = { ...obj.metadata, resourceVersion: String(modRevision) };
  return obj;
}
