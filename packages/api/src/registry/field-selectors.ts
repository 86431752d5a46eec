import { checkDefaultFields, checkFields, type ParsedFieldSelector } from "../selectors/index.js";
import type { ResourceInfo } from "./types.js";

// Which field selectors a resource accepts. Kinds that register their own field label conversion in
// Kubernetes (pods, nodes, namespaces, events, secrets, services, …) allow metadata.name, metadata.namespace
// when namespaced, and their selectableFields, with "field label not supported: X" otherwise; every other
// kind gets the default conversion (metadata.name and metadata.namespace only) and its different wording.

/** Every field a selector may name for this resource (metadata.name first). */
export function allowedSelectorFields(info: ResourceInfo): readonly string[] {
  if (info.selectableFields.length === 0) return ["metadata.name", "metadata.namespace"];
  return [
    ...(info.namespaced ? ["metadata.name", "metadata.namespace"] : ["metadata.name"]),
    ...info.selectableFields,
  ];
}

/**
 * Checks a parsed field selector against the resource, throwing SelectorError (400) with Kubernetes' text
 * for an unsupported field; returns the selector with legacy aliases renamed (pods: spec.host).
 */
export function checkFieldSelector(info: ResourceInfo, selector: ParsedFieldSelector): ParsedFieldSelector {
  if (info.selectableFields.length === 0) return checkDefaultFields(selector);
  return checkFields(selector, allowedSelectorFields(info), info.fieldSelectorAliases ?? {});
}
