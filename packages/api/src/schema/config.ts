import { stringMap, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

export const configMap: FieldSchema = struct({
  metadata: objectMeta,
  data: stringMap,
  binaryData: stringMap,
});

export const secret: FieldSchema = struct({ metadata: objectMeta, data: stringMap, stringData: stringMap });
