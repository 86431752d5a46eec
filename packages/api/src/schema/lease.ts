import { struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

/** coordination.k8s.io/v1 Lease: a flat spec of scalars. */
export const lease: FieldSchema = struct({ metadata: objectMeta });
