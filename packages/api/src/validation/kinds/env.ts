// containers[*].env and envFrom: variable names (the relaxed 1.32 rule), and exactly one source for
// valueFrom / envFrom entries.
import type { EnvFromSource, EnvVar, EnvVarSource } from "kubernetes-types/core/v1.js";
import { isConfigMapKey } from "../config-keys.js";
import { isRelaxedEnvVarName } from "../env-var-names.js";
import { type FieldError, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { isObj, list, str } from "./read.js";

/** Downward API fields an environment variable may read. */
const ENV_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];
const RESOURCE_FIELD_PATHS = [
  "limits.cpu",
  "limits.ephemeral-storage",
  "limits.memory",
  "requests.cpu",
  "requests.ephemeral-storage",
  "requests.memory",
];
const SUBSCRIPTED = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;

/** Pod fields the downward API knows at all (ConvertDownwardAPIFieldLabel); others fail conversion. */
const CONVERTIBLE_FIELD_PATHS = new Set([
  "metadata.annotations",
  "metadata.labels",
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.restartPolicy",
  "spec.serviceAccountName",
  "spec.schedulerName",
  "status.phase",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
]);

function validateFieldRef(ref: Record<string, unknown>, path: FieldPath): FieldError[] {
  const apiVersion = str(ref.apiVersion);
  const fieldPath = str(ref.fieldPath);
  if (apiVersion === "") return [required(path.child("apiVersion"))];
  if (fieldPath === "") return [required(path.child("fieldPath"))];
  const conversion =
    apiVersion !== "v1"
      ? `unsupported pod version: ${apiVersion}`
      : SUBSCRIPTED.test(fieldPath) || CONVERTIBLE_FIELD_PATHS.has(fieldPath)
        ? undefined
        : `field label not supported: ${fieldPath}`;
  if (conversion !== undefined) {
    return [invalid(path.child("fieldPath"), fieldPath, `error converting fieldPath: ${conversion}`)];
  }
  // metadata.labels['key'] and metadata.annotations['key'] select one entry.
  if (SUBSCRIPTED.test(fieldPath) || ENV_FIELD_PATHS.includes(fieldPath)) return [];
  return [notSupported(path.child("fieldPath"), fieldPath, ENV_FIELD_PATHS)];
}

function validateResourceFieldRef(ref: Record<string, unknown>, path: FieldPath): FieldError[] {
  const resource = str(ref.resource);
  if (resource === "") return [required(path.child("resource"))];
  if (RESOURCE_FIELD_PATHS.includes(resource)) return [];
  if (resource.startsWith("requests.hugepages-") || resource.startsWith("limits.hugepages-")) return [];
  return [notSupported(path.child("resource"), resource, RESOURCE_FIELD_PATHS)];
}

function validateKeySelector(sel: Record<string, unknown>, path: FieldPath): FieldError[] {
  const name = str(sel.name);
  const errs = nameIsDnsSubdomain(name, false).map((msg) => invalid(path.child("name"), name, msg));
  const key = str(sel.key);
  if (key === "") errs.push(required(path.child("key")));
  else errs.push(...isConfigMapKey(key).map((msg) => invalid(path.child("key"), key, msg)));
  return errs;
}

function validateValueFrom(ev: EnvVar, path: FieldPath): FieldError[] {
  const from = ev.valueFrom as EnvVarSource | undefined | null;
  if (!isObj(from)) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (isObj(from.fieldRef)) {
    sources++;
    errs.push(...validateFieldRef(from.fieldRef as Record<string, unknown>, path.child("fieldRef")));
  }
  if (isObj(from.resourceFieldRef)) {
    sources++;
    errs.push(
      ...validateResourceFieldRef(
        from.resourceFieldRef as Record<string, unknown>,
        path.child("resourceFieldRef"),
      ),
    );
  }
  if (isObj(from.configMapKeyRef)) {
    sources++;
    errs.push(
      ...validateKeySelector(from.configMapKeyRef as Record<string, unknown>, path.child("configMapKeyRef")),
    );
  }
  if (isObj(from.secretKeyRef)) {
    sources++;
    errs.push(
      ...validateKeySelector(from.secretKeyRef as Record<string, unknown>, path.child("secretKeyRef")),
    );
  }
  if (sources === 0) {
    errs.push(
      invalid(
        path,
        "",
        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
      ),
    );
  } else if (str(ev.value) !== "") {
    errs.push(invalid(path, "", "may not be specified when `value` is not empty"));
  } else if (sources > 1) {
    errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  }
  return errs;
}

export function validateEnv(env: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  list<EnvVar>(env).forEach((ev, i) => {
    const p = path.index(i);
    const name = str(ev.name);
    if (name === "") errs.push(required(p.child("name")));
    else errs.push(...isRelaxedEnvVarName(name).map((msg) => invalid(p.child("name"), name, msg)));
    errs.push(...validateValueFrom(ev, p.child("valueFrom")));
  });
  return errs;
}

function validateEnvSourceName(ref: Record<string, unknown>, path: FieldPath): FieldError[] {
  const name = str(ref.name);
  if (name === "") return [required(path.child("name"))];
  // Checked as a prefix (a trailing "-" is allowed), as upstream does for these references.
  return nameIsDnsSubdomain(name, true).map((msg) => invalid(path.child("name"), name, msg));
}

export function validateEnvFrom(envFrom: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  list<EnvFromSource>(envFrom).forEach((source, i) => {
    const p = path.index(i);
    const prefix = str(source.prefix);
    if (prefix !== "") {
      errs.push(...isRelaxedEnvVarName(prefix).map((msg) => invalid(p.child("prefix"), prefix, msg)));
    }
    let sources = 0;
    if (isObj(source.configMapRef)) {
      sources++;
      errs.push(
        ...validateEnvSourceName(source.configMapRef as Record<string, unknown>, p.child("configMapRef")),
      );
    }
    if (isObj(source.secretRef)) {
      sources++;
      errs.push(...validateEnvSourceName(source.secretRef as Record<string, unknown>, p.child("secretRef")));
    }
    // Reported at the list itself, not the entry (as upstream does).
    if (sources === 0) errs.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1)
      errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errs;
}
