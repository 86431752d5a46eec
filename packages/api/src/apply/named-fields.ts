import type { FieldSchema } from "../schema/index.js";
import { FieldSet } from "./field-set.js";
import type { PathElement } from "./path-element.js";
import { isNamedField } from "./shape.js";

// Field sets leave struct fields implicit ("spec.replicas" owns spec.replicas, not spec). Pruning has to
// treat those struct fields as owned too, or removing a manager's last field under a struct would leave
// the struct's other, unowned content behind; so before comparing sets for pruning, the API server makes
// every named field with owned paths below it a member. Maps' keys stay as they are.

function childSchema(schema: FieldSchema | undefined, pe: PathElement): FieldSchema | undefined {
  if ("field" in pe) return schema?.fields?.[pe.field] ?? schema?.values;
  return schema?.items;
}

export function withNamedFieldsAsMembers(set: FieldSet, schema: FieldSchema | undefined): FieldSet {
  const children = set.childEntries();
  const members = [...set.memberElements()];
  for (const [pe] of children) if ("field" in pe && isNamedField(schema, pe.field)) members.push(pe);
  return FieldSet.fromParts(
    members,
    children.map(([pe, below]) => [pe, withNamedFieldsAsMembers(below, childSchema(schema, pe))] as const),
  );
}
