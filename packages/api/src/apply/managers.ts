import type { FieldSet } from "./field-set.js";
import { fromFieldsV1, toFieldsV1 } from "./fields-v1.js";
import { compareStrings, isObject, type JsonValue } from "./json-value.js";
import type { ManagedFieldsEntry } from "./managed-fields-entry.js";

// managedFields decoded into one field set per manager, and encoded back. A manager is identified as the
// API server identifies it: by name, operation and subresource, plus the API version for Update managers
// only (an applier keeps one entry whatever version it applies with; an updater gets one per version).

export type Operation = "Apply" | "Update";

export interface ManagerState {
  readonly manager: string;
  readonly operation: Operation;
  readonly apiVersion: string;
  readonly subresource: string | undefined;
  readonly time: string | undefined;
  readonly set: FieldSet;
}

/** Identifier → state. */
export type Managers = Map<string, ManagerState>;

/** The identifier the API server keys managers by (the JSON of the entry without time and fields). */
export function managerId(
  manager: string,
  operation: Operation,
  apiVersion: string,
  subresource: string | undefined,
): string {
  return JSON.stringify({
    manager,
    operation,
    ...(operation === "Update" && apiVersion !== "" ? { apiVersion } : {}),
    ...(subresource ? { subresource } : {}),
  });
}

export function idOf(state: ManagerState): string {
  return managerId(state.manager, state.operation, state.apiVersion, state.subresource);
}

/** Decodes managedFields; throws on an entry the API server would refuse (bad type, duplicate manager). */
export function decodeManagedFields(list: unknown): Managers {
  const managers: Managers = new Map();
  if (list === undefined || list === null) return managers;
  if (!Array.isArray(list)) throw new Error("managedFields must be a list");
  for (const raw of list) {
    if (!isObject(raw)) throw new Error("managedFields entries must be objects");
    const operation = raw.operation;
    if (operation !== "Apply" && operation !== "Update") {
      throw new Error(`invalid operation ${JSON.stringify(operation)}`);
    }
    if (raw.fieldsType !== "FieldsV1")
      throw new Error(`invalid fieldsType ${JSON.stringify(raw.fieldsType)}`);
    const state: ManagerState = {
      manager: typeof raw.manager === "string" ? raw.manager : "",
      operation,
      apiVersion: typeof raw.apiVersion === "string" ? raw.apiVersion : "",
      subresource:
        typeof raw.subresource === "string" && raw.subresource !== "" ? raw.subresource : undefined,
      time: typeof raw.time === "string" ? raw.time : undefined,
      set: fromFieldsV1(raw.fieldsV1 ?? {}),
    };
    const id = idOf(state);
    if (managers.has(id)) throw new Error(`found duplicate manager: ${id}`);
    managers.set(id, state);
  }
  return managers;
}

/** Decoding for stored objects: what cannot be decoded counts as no ownership rather than an error. */
export function decodeOrEmpty(list: unknown): Managers {
  try {
    return decodeManagedFields(list);
  } catch {
    return new Map();
  }
}

/** `managedFields: [{}]` is how a client asks for managedFields to be reset. */
export function isResetRequest(list: unknown): boolean {
  if (!Array.isArray(list) || list.length !== 1) return false;
  const only: unknown = list[0];
  return isObject(only) && Object.values(only).every((v) => v === null || v === "" || isEmptyObject(v));
}

function isEmptyObject(v: JsonValue): boolean {
  return isObject(v) && Object.keys(v).length === 0;
}

/** Seconds since the epoch of an entry's time (0 without one), the API server's ordering key. */
export function entrySeconds(time: string | undefined): number {
  if (time === undefined) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Entries as the API server writes them: Apply before Update, then oldest first, then by name. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const entries = [...managers.values()]
    .filter((m) => !m.set.isEmpty())
    .sort(
      (p, q) =>
        compareStrings(p.operation, q.operation) ||
        entrySeconds(p.time) - entrySeconds(q.time) ||
        compareStrings(p.manager, q.manager) ||
        compareStrings(p.apiVersion, q.apiVersion) ||
        compareStrings(p.subresource ?? "", q.subresource ?? ""),
    );
  return entries.map(
    (m): ManagedFieldsEntry => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time === undefined ? {} : { time: m.time }),
      fieldsType: "FieldsV1",
      fieldsV1: toFieldsV1(m.set),
      ...(m.subresource === undefined ? {} : { subresource: m.subresource }),
    }),
  );
}
