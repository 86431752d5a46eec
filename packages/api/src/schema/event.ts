import { struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta, objectReference } from "./meta.js";

/** core/v1 Event: no merged lists; its object references are atomic for SSA. */
export const coreEvent: FieldSchema = struct({
  metadata: objectMeta,
  involvedObject: objectReference,
  related: objectReference,
});

/** events.k8s.io/v1 Event: the same data under the newer field names. */
export const eventsEvent: FieldSchema = struct({
  metadata: objectMeta,
  regarding: objectReference,
  related: objectReference,
});
