import type { FieldSchema } from "./field-schema.js";

// Small constructors so the per-kind tables read like the Go tags they transcribe.

/** A leaf (string, number, bool, Quantity, Time…), or anything whose inside needs no list/map semantics. */
export const scalar: FieldSchema = {};

/** A map of scalars merged key by key (labels, annotations, data, capacity…). */
export const stringMap: FieldSchema = { values: scalar };

/** A map replaced whole by SSA (`+mapType=atomic`: nodeSelector, Service selector). */
export const atomicMap: FieldSchema = { values: scalar, mapType: "atomic" };

/** A list replaced whole by both SMP and SSA (`+listType=atomic`, or no tags at all). */
export const atomicList: FieldSchema = { listType: "atomic" };

export function struct(fields: Readonly<Record<string, FieldSchema>>): FieldSchema {
  return { fields };
}

/** A struct SSA owns as one value (`+structType=atomic`: LabelSelector, OwnerReference, ObjectReference…). */
export function atomicStruct(fields: Readonly<Record<string, FieldSchema>> = {}): FieldSchema {
  return { fields, mapType: "atomic" };
}

export interface KeyedListTags {
  /** `patchMergeKey`: the one key SMP merges on. */
  readonly mergeKey: string;
  /** `+listMapKey`s when SSA keys on more than the merge key (ports: containerPort + protocol). */
  readonly listMapKeys?: readonly string[];
  /** `patchStrategy`, "merge" unless it also says retainKeys. */
  readonly strategy?: string;
}

/** A list of objects merged by key in SMP and keyed the same way in SSA (`+listType=map`). */
export function keyedList(items: FieldSchema, tags: KeyedListTags): FieldSchema {
  return {
    items,
    listType: "map",
    listMapKeys: tags.listMapKeys ?? [tags.mergeKey],
    patchMergeKey: tags.mergeKey,
    patchStrategy: tags.strategy ?? "merge",
  };
}

/** A primitive list SMP merges as a set union and SSA treats as a set (finalizers, podCIDRs). */
export const mergedSet: FieldSchema = { items: scalar, listType: "set", patchStrategy: "merge" };

/** `conditions` of every status: merged by `type` in SMP, a map keyed by `type` in SSA. */
export const conditions: FieldSchema = keyedList(scalar, { mergeKey: "type" });
