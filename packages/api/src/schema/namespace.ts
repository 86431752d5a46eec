import { atomicList, conditions, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

/** spec.finalizers has no patch tags (unlike metadata.finalizers): replaced whole. */
export const namespace: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({ finalizers: atomicList }),
  status: struct({ conditions }),
});
