import type { FieldSchema } from "../schema/index.js";
import { applyJsonPatch } from "./json-patch.js";
import { dropNulls } from "./json-value.js";
import { applyMergePatch } from "./merge-patch.js";
import type { PatchType } from "./patch-type.js";
import { applyStrategicMergePatch } from "./strategic-merge.js";

/**
 * Applies a PATCH body to the stored object and returns the patched copy (`original` is never changed).
 * Null members are dropped from the result, as decoding into Go types drops them on the real server.
 * Throws ApiError with the API server's status and text for bad patches.
 */
export function applyPatch(
  type: PatchType,
  original: unknown,
  patch: unknown,
  schema: FieldSchema | undefined,
): unknown {
  switch (type) {
    case "json":
      return dropNulls(applyJsonPatch(original, patch));
    case "merge":
      return dropNulls(applyMergePatch(original, patch));
    case "strategic":
      return dropNulls(applyStrategicMergePatch(original, patch, schema));
  }
}
