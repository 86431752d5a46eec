import { atomicList, conditions, stringMap, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

/**
 * certificates.k8s.io/v1 CertificateSigningRequest: usages and groups are atomic lists, extra a map of
 * string lists, conditions a list keyed by type.
 */
export const certificateSigningRequest: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({ usages: atomicList, groups: atomicList, extra: stringMap }),
  status: struct({ conditions }),
});
