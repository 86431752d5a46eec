// Resource names (cpu, memory, hugepages-2Mi, example.com/gpu) and their properties, as pkg/apis/core/helper
// classifies them: which are standard, native, extended, overcommittable, integer-only.
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isQualifiedName } from "../labels.js";

const HUGEPAGES_PREFIX = "hugepages-";
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const STANDARD_RESOURCES = new Set([
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "services",
  "replicationcontrollers",
  "resourcequotas",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "storage",
  "requests.storage",
  "services.nodeports",
  "services.loadbalancers",
]);
const INTEGER_RESOURCES = new Set([
  "pods",
  "services",
  "replicationcontrollers",
  "resourcequotas",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "services.nodeports",
  "services.loadbalancers",
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

/** Names without a domain, or in the kubernetes.io domain, are Kubernetes' own. */
export function isNativeResource(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith("requests.")) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Requests may be below limits for native resources except huge pages. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

function isStandardResourceName(name: string): boolean {
  return (
    STANDARD_RESOURCES.has(name) ||
    isHugePageResourceName(name) ||
    name.startsWith(`requests.${HUGEPAGES_PREFIX}`)
  );
}

function isStandardContainerResourceName(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);
}

/** validateResourceName: a qualified name; without a domain it must be a standard resource. */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes("/") && !isStandardResourceName(name)) {
    return [invalid(path, name, "must be a standard resource type or fully qualified")];
  }
  return [];
}

/** validateContainerResourceName: a resource a container may request. */
export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes("/")) {
    if (!isStandardContainerResourceName(name)) {
      errs.push(invalid(path, name, "must be a standard resource for containers"));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}
