import { isObject, type JsonObject } from "./json-value.js";
import type { ManagedFieldsEntry } from "./managed-fields-entry.js";

// Reading and writing the parts of an object the field manager cares about.

export function metadataOf(obj: JsonObject | undefined): JsonObject | undefined {
  const meta = obj?.metadata;
  return isObject(meta) ? meta : undefined;
}

/** A copy of the object without metadata.managedFields (ownership is never part of what is compared). */
export function withoutManagedFields(obj: JsonObject): JsonObject {
  const meta = metadataOf(obj);
  if (meta === undefined || !Object.hasOwn(meta, "managedFields")) return obj;
  const { managedFields: _, ...rest } = meta;
  return { ...obj, metadata: rest };
}

/** Writes the entries into the object (in place); no entries means no managedFields at all. */
export function setManagedFields(obj: JsonObject, entries: readonly ManagedFieldsEntry[]): void {
  let meta = metadataOf(obj);
  if (entries.length === 0) {
    if (meta !== undefined) delete meta.managedFields;
    return;
  }
  if (meta === undefined) {
    meta = {};
    obj.metadata = meta;
  }
  // Entries are plain JSON by construction (strings and FieldsV1 objects).
  meta.managedFields = entries as unknown as JsonObject[];
}

/** "apps/v1, Kind=Deployment", "/v1, Kind=Pod": a group-version-kind as the API server prints one. */
export function gvkText(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return `${group}/${version}, Kind=${kind}`;
}
