import { badRequest } from "../errors.js";
import type { FieldSchema } from "../schema/index.js";
import { capUpdateManagers } from "./cap-managers.js";
import { compare } from "./compare.js";
import { type ApplyConflict, conflictError } from "./conflicts.js";
import { FieldSet } from "./field-set.js";
import { type FieldPaths, ignoredSet, withoutIgnored } from "./ignored-fields.js";
import { clone, deepEqual, dropNulls, isObject, type JsonObject, type JsonValue } from "./json-value.js";
import { fieldsStillAsLastApplied, KUBECTL_APPLIER, refreshLastApplied } from "./last-applied.js";
import { TypedValueError } from "./list-items.js";
import { decodeOrEmpty, encodeManagedFields, type Managers, managerId } from "./managers.js";
import { merge } from "./merge.js";
import { withNamedFieldsAsMembers } from "./named-fields.js";
import { gvkText, metadataOf, setManagedFields, withoutManagedFields } from "./object-meta.js";
import { removeItems } from "./remove-items.js";
import { toFieldSet } from "./to-field-set.js";
import { withoutUntracked } from "./untracked-fields.js";

export interface ServerSideApplyArgs {
  /** The stored object, or undefined when the apply creates it. */
  readonly live: object | undefined;
  /** The user's partial object (the apply patch body). */
  readonly applied: object;
  /** The fieldManager query parameter. */
  readonly manager: string;
  /** The force query parameter (`kubectl apply --server-side --force-conflicts`). */
  readonly force: boolean;
  /** The kind's schema; undefined treats every object as a granular map and every list as atomic. */
  readonly schema: FieldSchema | undefined;
  /** The version the request addresses, e.g. "apps/v1"; the applied object must carry it. */
  readonly apiVersion: string;
  /** The request's time, RFC 3339 with seconds ("2025-01-02T03:04:05Z"). */
  readonly now: string;
  /** The kind the request addresses; the applied object must carry it. Defaults to the live object's. */
  readonly kind?: string;
  /** Set when applying to a subresource (`--subresource=status`). */
  readonly subresource?: string;
  /** Fields this endpoint resets to their stored value (status via the main resource…): never owned here. */
  readonly ignoredFields?: FieldPaths;
}

interface Applied {
  readonly object: JsonObject;
  readonly managers: Managers;
}

/**
 * Server-side apply of `applied` by `manager` onto `live`, as the API server's field manager does it:
 * the applier comes to own exactly the fields it applied; fields it owned before and no longer applies are
 * removed unless another manager owns them; changing a field another manager owns is a 409 Conflict unless
 * `force`, which takes the field over. Returns the object to store, with managedFields updated. The caller
 * still defaults, validates and stores it (defaulting must run after: pruning may remove defaulted fields).
 */
export function serverSideApply(args: ServerSideApplyArgs): { object: object } {
  const applied = checkApplied(args);
  const live = args.live === undefined ? undefined : (clone(args.live as JsonValue) as JsonObject);
  const previous = decodeOrEmpty(metadataOf(live)?.managedFields);
  const liveBody = live === undefined ? {} : withoutManagedFields(live);

  const ignored = ignoredSet(args.ignoredFields);
  let config: FieldSet;
  try {
    config = toFieldSet(applied, args.schema);
    if (ignored !== undefined) config = config.recursiveDifference(ignored);
  } catch (err) {
    if (!(err instanceof TypedValueError)) throw err;
    const kind = typeof applied.kind === "string" ? applied.kind : "";
    throw badRequest(
      `failed to create typed patch object (${gvkText(args.apiVersion, kind)}): ${err.message}`,
    );
  }

  let outcome = applyOnce(args, applied, liveBody, previous, config, args.force);
  if ("conflicts" in outcome && args.manager === KUBECTL_APPLIER) {
    // Switching from client-side to server-side apply: conflicts with the user's own earlier client-side
    // applies are not real conflicts.
    const own = fieldsStillAsLastApplied(liveBody, args.schema, args.apiVersion);
    if (own !== undefined) {
      const remaining = outcome.conflicts.filter((c) => !own.has(c.path));
      if (remaining.length > 0) throw conflictError(remaining);
      outcome = applyOnce(args, applied, liveBody, previous, config, true);
    }
  }
  if ("conflicts" in outcome) throw conflictError(outcome.conflicts);

  const changed = live === undefined || !deepEqual(liveBody, outcome.object);
  const object = changed ? outcome.object : liveBody;
  const id = managerId(args.manager, "Apply", args.apiVersion, args.subresource);
  const mine = outcome.managers.get(id);
  if (mine !== undefined) {
    const before = previous.get(id)?.time;
    outcome.managers.set(id, { ...mine, time: changed || before === undefined ? args.now : before });
  }
  if (args.manager === KUBECTL_APPLIER) refreshLastApplied(object, applied);
  setManagedFields(object, encodeManagedFields(capUpdateManagers(outcome.managers)));
  return { object };
}

function checkApplied(args: ServerSideApplyArgs): JsonObject {
  const applied = args.applied as JsonValue;
  if (!isObject(applied)) throw badRequest("error decoding YAML: the apply patch must be an object");
  const meta = metadataOf(applied);
  if (meta?.managedFields !== undefined && meta.managedFields !== null) {
    throw badRequest("metadata.managedFields must be nil");
  }
  const apiVersion = typeof applied.apiVersion === "string" ? applied.apiVersion : "";
  const kind = typeof applied.kind === "string" ? applied.kind : "";
  const live = args.live as JsonValue | undefined;
  const expectedKind = args.kind ?? (isObject(live) && typeof live.kind === "string" ? live.kind : kind);
  if (apiVersion !== args.apiVersion || kind !== expectedKind) {
    throw badRequest(`invalid object type: ${gvkText(apiVersion, kind)}`);
  }
  return clone(applied);
}

function applyOnce(
  args: ServerSideApplyArgs,
  applied: JsonObject,
  live: JsonObject,
  previous: Managers,
  config: FieldSet,
  force: boolean,
): Applied | { readonly conflicts: ApplyConflict[] } {
  const { schema } = args;
  const id = managerId(args.manager, "Apply", args.apiVersion, args.subresource);
  const managers: Managers = new Map(previous);
  const last = managers.get(id);
  managers.set(id, {
    manager: args.manager,
    operation: "Apply",
    apiVersion: args.apiVersion,
    subresource: args.subresource,
    time: last?.time,
    set: config,
  });

  let object = dropNulls(merge(live, applied, schema) ?? {}) as JsonObject;
  if (last !== undefined && !last.set.isEmpty()) {
    // Prune: what this applier owned last time, no longer applies, and nobody else owns goes away.
    let owned = new FieldSet();
    for (const m of managers.values()) owned = owned.union(m.set);
    const toRemove = withNamedFieldsAsMembers(last.set, schema).difference(
      withNamedFieldsAsMembers(owned, schema),
    );
    object = (removeItems(object, toRemove, schema) ?? {}) as JsonObject;
  }

  const diff = withoutIgnored(compare(live, object, schema), ignoredSet(args.ignoredFields));
  const changed = diff.modified.union(diff.added);
  const conflicts: ApplyConflict[] = [];
  for (const [otherId, other] of managers) {
    if (otherId === id) continue;
    for (const path of other.set.intersection(changed).paths()) {
      conflicts.push({ managerId: otherId, manager: other, path });
    }
  }
  if (conflicts.length > 0 && !force) return { conflicts };

  // Forced (or no conflicts): others lose what this apply changed, and everybody loses what it removed.
  for (const [otherId, other] of [...managers]) {
    if (otherId === id) continue;
    const set = other.set.difference(changed).difference(diff.removed);
    if (set.isEmpty()) managers.delete(otherId);
    else managers.set(otherId, { ...other, set });
  }
  const own = withoutUntracked(config);
  const mine = managers.get(id);
  if (own.isEmpty() || mine === undefined) managers.delete(id);
  else managers.set(id, { ...mine, set: own });
  return { object, managers };
}
