export { applyPatch } from "./apply-patch.js";
export { MAX_JSON_PATCH_OPERATIONS } from "./json-patch.js";
export { type PatchType, patchTypeOf } from "./patch-type.js";
