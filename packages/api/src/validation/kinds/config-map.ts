// core/v1 ConfigMap: keys are config keys, a key may not be in both data and binaryData, the whole
// content fits 1 MiB, and an immutable ConfigMap keeps its data.

import { isConfigMapKey } from "../config-keys.js";
import { type FieldError, forbidden, invalid, tooLong } from "../field-error.js";
import { root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { decodedMap, sameData, textMap, totalSize } from "./data-maps.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj } from "./read.js";

/** core.MaxSecretSize, which ConfigMaps share. */
export const MAX_DATA_SIZE = 1024 * 1024;
const CONFIG_MAP_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;
const IMMUTABLE = "field is immutable when `immutable` is set";

function create(obj: unknown): FieldError[] {
  const errs = validateObjectMeta(metaOf(obj), CONFIG_MAP_META);
  const data = textMap(isObj(obj) ? obj.data : undefined);
  const binary = decodedMap(isObj(obj) ? obj.binaryData : undefined);
  for (const key of data.keys()) {
    const path = root("data").key(key);
    errs.push(...isConfigMapKey(key).map((msg) => invalid(path, key, msg)));
    if (binary.has(key)) errs.push(invalid(path, key, "duplicate of key present in binaryData"));
  }
  for (const key of binary.keys()) {
    errs.push(...isConfigMapKey(key).map((msg) => invalid(root("binaryData").key(key), key, msg)));
  }
  // The whole object is the field here, which renders as "[]".
  if (totalSize(data, binary) > MAX_DATA_SIZE) errs.push(tooLong(root(""), "", MAX_DATA_SIZE));
  return errs;
}

function update(obj: unknown, old: unknown): FieldError[] {
  const errs = validateObjectMetaUpdate(metaOf(obj), metaOf(old), true);
  const next = isObj(obj) ? obj : {};
  const prev = isObj(old) ? old : {};
  if (prev.immutable === true) {
    if (next.immutable !== true) errs.push(forbidden(root("immutable"), IMMUTABLE));
    if (!sameData(textMap(next.data), textMap(prev.data))) errs.push(forbidden(root("data"), IMMUTABLE));
    if (!sameData(decodedMap(next.binaryData), decodedMap(prev.binaryData))) {
      errs.push(forbidden(root("binaryData"), IMMUTABLE));
    }
  }
  errs.push(...create(obj));
  return errs;
}

export const configMapValidator: KindValidator = {
  namespaced: true,
  create,
  update,
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
};
