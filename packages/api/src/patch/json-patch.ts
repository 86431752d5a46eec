import jsonpatch, { type Operation } from "fast-json-patch";
import { ApiError } from "../errors.js";
import { cannotUnmarshal, patchRejected } from "./errors.js";
import { deepClone, goJsonKind, isObject } from "./json-value.js";

/** The API server's cap on operations in one JSON patch (apiserver maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * An RFC 6902 JSON patch (application/json-patch+json), all operations or none. Decoding problems are
 * 400s with Go's texts; every failure while applying (a `test` that does not hold, a path that does not
 * resolve, an unknown op) is the API server's generic 422.
 */
export function applyJsonPatch(original: unknown, patch: unknown): unknown {
  if (patch === null) return deepClone(original);
  if (!Array.isArray(patch)) throw cannotUnmarshal(goJsonKind(patch), "jsonpatch.Patch");
  for (const op of patch) {
    if (op !== null && !isObject(op)) throw cannotUnmarshal(goJsonKind(op), "jsonpatch.Operation");
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(
      "RequestEntityTooLarge",
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  // A null operation has no op, as in Go, where it fails as an unknown kind.
  const operations = patch.map((op) => op ?? {}) as Operation[];
  try {
    // Validate each op against the document (so replace/remove/test need an existing path, as in
    // RFC 6902), work on a copy, and refuse __proto__ paths.
    return jsonpatch.applyPatch(deepClone(original), deepClone(operations), true, true, true).newDocument;
  } catch (err) {
    throw patchRejected(err);
  }
}
