import { badRequest } from "../errors.js";
import { cannotUnmarshal } from "./errors.js";
import { deepClone, goJsonKind, hasKey, isObject, type JsonObject, setKey } from "./json-value.js";

/** RFC 7386 on a copy: objects merge member by member, null deletes, anything else replaces. */
function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setKey(out, key, merge(hasKey(out, key) ? out[key] : undefined, value));
  }
  return out;
}

/**
 * A JSON merge patch (application/merge-patch+json). The API server decodes the patch as an object first
 * (field validation is on by default since 1.27), so anything else is a 400, and a null patch is the
 * json-patch library's "Invalid JSON Patch".
 */
export function applyMergePatch(original: unknown, patch: unknown): unknown {
  if (patch === null) throw badRequest("Invalid JSON Patch");
  if (!isObject(patch)) {
    const err = cannotUnmarshal(goJsonKind(patch), "map[string]interface {}");
    throw badRequest(`error decoding patch: ${err.message}`);
  }
  return merge(deepClone(original), deepClone(patch));
}
