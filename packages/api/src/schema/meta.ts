import { atomicList, atomicStruct, keyedList, mergedSet, stringMap, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";

// apimachinery meta/v1 and the core/v1 reference types other kinds embed.

/** `+structType=atomic` in meta/v1: a selector is one value for SSA. */
export const labelSelector: FieldSchema = atomicStruct({
  matchLabels: stringMap,
  matchExpressions: atomicList,
});

export const ownerReference: FieldSchema = atomicStruct();

export const objectMeta: FieldSchema = struct({
  labels: stringMap,
  annotations: stringMap,
  finalizers: mergedSet,
  ownerReferences: keyedList(ownerReference, { mergeKey: "uid" }),
  managedFields: atomicList,
});

/** core/v1 ObjectReference (`+structType=atomic`). */
export const objectReference: FieldSchema = atomicStruct();

/** core/v1 LocalObjectReference (`+structType=atomic`): imagePullSecrets entries, secret refs. */
export const localObjectReference: FieldSchema = atomicStruct();

/** core/v1 TypedLocalObjectReference (`+structType=atomic`). */
export const typedLocalObjectReference: FieldSchema = atomicStruct();

/** core/v1 NodeSelector (`+structType=atomic`): node affinity's required terms, PV node affinity. */
export const nodeSelector: FieldSchema = atomicStruct({ nodeSelectorTerms: atomicList });
