import type { FieldSchema } from "../schema/index.js";
import { capUpdateManagers } from "./cap-managers.js";
import { compare } from "./compare.js";
import { type FieldPaths, ignoredSet, withoutIgnored } from "./ignored-fields.js";
import { clone, isObject, type JsonObject, type JsonValue } from "./json-value.js";
import {
  decodeManagedFields,
  decodeOrEmpty,
  encodeManagedFields,
  isResetRequest,
  type Managers,
  managerId,
} from "./managers.js";
import { metadataOf, setManagedFields, withoutManagedFields } from "./object-meta.js";
import { withoutUntracked } from "./untracked-fields.js";

export interface RecordUpdateArgs {
  /** The stored object before the write; undefined for a create. */
  readonly before: object | undefined;
  /** The object about to be stored (after defaulting and any patch). */
  readonly after: object;
  /** The fieldManager of the request (the API server derives one from the user agent when absent). */
  readonly manager: string;
  readonly schema: FieldSchema | undefined;
  /** The version the request addresses, e.g. "apps/v1". */
  readonly apiVersion: string;
  /** The request's time, RFC 3339 with seconds. */
  readonly now: string;
  /** Set for writes through a subresource ("status", "scale"). */
  readonly subresource?: string;
  /** Fields this endpoint resets to their stored value (status via the main resource…): never owned here. */
  readonly ignoredFields?: FieldPaths;
}

/**
 * Records an ordinary write (create, update, patch) in managedFields, as the API server's field manager
 * does: the fields the write added or changed become `manager`'s (an "Update" entry, merged with what it
 * already owned), other managers lose them, and everybody loses the fields the write removed. Returns a
 * copy of `after` with managedFields set.
 *
 * The managedFields in `after` win over the stored ones when a client sent different, non-empty ones (that
 * is how clients rewrite ownership, e.g. kubectl's client-side to server-side apply migration);
 * `managedFields: [{}]` resets them. Through a subresource the stored ones always count. Like the API
 * server, an update of an existing object that has no managedFields at all is not tracked.
 */
export function recordUpdate(args: RecordUpdateArgs): object {
  const after = clone(args.after as JsonValue) as JsonObject;
  const before = args.before === undefined ? undefined : (clone(args.before as JsonValue) as JsonObject);
  const managers = ownershipToUpdate(before, after, args.subresource !== undefined);
  const afterBody = withoutManagedFields(after);
  // The API server tells a create by the stored object having no uid yet.
  const uid = metadataOf(before)?.uid;
  const isCreate = typeof uid !== "string" || uid === "";
  if (!isCreate && managers.size === 0) {
    setManagedFields(afterBody, []);
    return afterBody;
  }

  const beforeBody = before === undefined ? {} : withoutManagedFields(before);
  const diff = withoutIgnored(
    compare(...withTopLevelStructs(beforeBody, afterBody), args.schema),
    ignoredSet(args.ignoredFields),
  );
  const changed = diff.modified.union(diff.added);
  for (const [id, m] of [...managers]) {
    const set = m.set.difference(changed).difference(diff.removed);
    if (set.isEmpty()) managers.delete(id);
    else managers.set(id, { ...m, set });
  }
  const taken = withoutUntracked(changed.difference(diff.removed));
  if (!taken.isEmpty()) {
    const id = managerId(args.manager, "Update", args.apiVersion, args.subresource);
    const previous = managers.get(id);
    managers.set(id, {
      manager: args.manager,
      operation: "Update",
      apiVersion: args.apiVersion,
      subresource: args.subresource,
      time: args.now,
      set: previous === undefined ? taken : taken.union(previous.set),
    });
  }
  setManagedFields(afterBody, encodeManagedFields(capUpdateManagers(managers)));
  return afterBody;
}

function ownershipToUpdate(
  before: JsonObject | undefined,
  after: JsonObject,
  subresource: boolean,
): Managers {
  const stored = () => decodeOrEmpty(metadataOf(before)?.managedFields);
  if (subresource) return stored();
  const sent = metadataOf(after)?.managedFields;
  if (isResetRequest(sent)) return new Map();
  try {
    const decoded = decodeManagedFields(sent);
    return decoded.size > 0 ? decoded : stored();
  } catch {
    return stored();
  }
}

/**
 * Go's typed objects always hold their metadata, spec and status structs (empty at worst), so the API server
 * never sees those appear or disappear: a writer owns the fields it sets in them, not the structs. Our
 * stored JSON may omit an empty one; compare as if it were there.
 */
function withTopLevelStructs(before: JsonObject, after: JsonObject): [JsonObject, JsonObject] {
  const b = { ...before };
  const a = { ...after };
  for (const key of ["metadata", "spec", "status"]) {
    if (isObject(a[key]) && b[key] === undefined) b[key] = {};
    if (isObject(b[key]) && a[key] === undefined) a[key] = {};
  }
  return [b, a];
}
