// core/v1 Secret: keys are config keys, the data fits 1 MiB, each well-known type has its required keys,
// the type never changes and an immutable Secret keeps its data.

import { isConfigMapKey } from "../config-keys.js";
import { type FieldError, forbidden, invalid, required, tooLong } from "../field-error.js";
import { root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import { MAX_DATA_SIZE } from "./config-map.js";
import { sameData, secretData, totalSize } from "./data-maps.js";
import { goJsonObjectError } from "./go-json-errors.js";
import type { KindValidator } from "./kind-validator.js";
import { METADATA, metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, str, strMap } from "./read.js";

const SECRET_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;
const DATA = root("data");
const IMMUTABLE = "field is immutable when `immutable` is set";
const SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";

function validateTypedData(
  type: string,
  data: ReadonlyMap<string, Buffer>,
  annotations: Record<string, string>,
): FieldError[] {
  const has = (key: string): boolean => data.has(key);
  const dockerJson = (key: string): FieldError[] => {
    const bytes = data.get(key);
    if (bytes === undefined) return [required(DATA.key(key))];
    const error = goJsonObjectError(bytes.toString("utf8"));
    return error === undefined ? [] : [invalid(DATA.key(key), "<secret contents redacted>", error)];
  };
  switch (type) {
    case "kubernetes.io/service-account-token":
      return str(annotations[SERVICE_ACCOUNT_NAME_ANNOTATION]) === ""
        ? [required(METADATA.child("annotations").key(SERVICE_ACCOUNT_NAME_ANNOTATION))]
        : [];
    case "kubernetes.io/dockercfg":
      return dockerJson(".dockercfg");
    case "kubernetes.io/dockerconfigjson":
      return dockerJson(".dockerconfigjson");
    case "kubernetes.io/basic-auth":
      // Either may be empty, but one of them must be there.
      return !has("username") && !has("password")
        ? [required(DATA.key("username")), required(DATA.key("password"))]
        : [];
    case "kubernetes.io/ssh-auth":
      return (data.get("ssh-privatekey")?.length ?? 0) === 0 ? [required(DATA.key("ssh-privatekey"))] : [];
    case "kubernetes.io/tls": {
      const errs: FieldError[] = [];
      if (!has("tls.crt")) errs.push(required(DATA.key("tls.crt")));
      if (!has("tls.key")) errs.push(required(DATA.key("tls.key")));
      return errs;
    }
    default:
      return [];
  }
}

function create(obj: unknown): FieldError[] {
  const meta = metaOf(obj);
  const errs = validateObjectMeta(meta, SECRET_META);
  const data = secretData(obj);
  for (const key of data.keys()) {
    errs.push(...isConfigMapKey(key).map((msg) => invalid(DATA.key(key), key, msg)));
  }
  if (totalSize(data) > MAX_DATA_SIZE) errs.push(tooLong(DATA, "", MAX_DATA_SIZE));
  const type = isObj(obj) ? str(obj.type) : "";
  errs.push(...validateTypedData(type, data, strMap(meta.annotations)));
  return errs;
}

function update(obj: unknown, old: unknown): FieldError[] {
  const errs = validateObjectMetaUpdate(metaOf(obj), metaOf(old), true);
  const next = isObj(obj) ? obj : {};
  const prev = isObj(old) ? old : {};
  if (str(next.type) !== str(prev.type))
    errs.push(invalid(root("type"), str(next.type), FIELD_IMMUTABLE_ERROR_MSG));
  if (prev.immutable === true) {
    if (next.immutable !== true) errs.push(forbidden(root("immutable"), IMMUTABLE));
    if (!sameData(secretData(next), secretData(prev))) errs.push(forbidden(DATA, IMMUTABLE));
  }
  errs.push(...create(obj));
  return errs;
}

export const secretValidator: KindValidator = {
  namespaced: true,
  create,
  update,
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
};
