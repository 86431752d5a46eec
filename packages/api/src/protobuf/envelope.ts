// The frame every Kubernetes protobuf body has: the 4 bytes "k8s\0", then a runtime.Unknown naming the
// object's apiVersion and kind and carrying the object's own encoding in `raw`.

import { messageType } from "./schema.js";

export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

export const MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

const UNKNOWN = "k8s.io.apimachinery.pkg.runtime.Unknown";

export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
  readonly contentEncoding: string;
  readonly contentType: string;
}

export function hasMagic(body: Uint8Array): boolean {
  return body.length >= MAGIC.length && MAGIC.every((b, i) => body[i] === b);
}

/** The envelope after the magic (the caller has checked it). Throws protobufjs' errors on malformed bytes. */
export function readEnvelope(body: Uint8Array): Envelope {
  const type = messageType(UNKNOWN);
  const unknown = type.toObject(type.decode(body.subarray(MAGIC.length)), {
    defaults: true,
    bytes: Uint8Array,
  });
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  return {
    apiVersion: typeMeta.apiVersion ?? "",
    kind: typeMeta.kind ?? "",
    raw: unknown.raw as Uint8Array,
    contentEncoding: unknown.contentEncoding as string,
    contentType: unknown.contentType as string,
  };
}

/** Magic + envelope, with every field written as Go writes them (empty contentEncoding and contentType too). */
export function writeEnvelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const type = messageType(UNKNOWN);
  const message = type.fromObject({
    typeMeta: { apiVersion, kind },
    raw,
    contentEncoding: "",
    contentType: "",
  });
  const encoded = type.encode(message).finish();
  const out = new Uint8Array(MAGIC.length + encoded.length);
  out.set(MAGIC, 0);
  out.set(encoded, MAGIC.length);
  return out;
}
