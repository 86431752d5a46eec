import { fieldsOf, fieldType, rootTypeOf } from "./lookup.js";
import type { FieldType } from "./model.js";

// The API server decodes a body into Go structs; a key no struct field claims is an "unknown field"
// (reported under fieldValidation=Strict/Warn, silently dropped under Ignore). This walks a parsed body
// against the generated field data and finds the same keys, named as the decoder names them
// (`spec.template.spec.containers[0].foo`), and drops them.

export interface FieldCheck {
  /**
   * The body without its unknown fields. Never the same object when something was dropped; shares every
   * untouched subtree with the input (which is never modified), and is the input itself when nothing was.
   */
  readonly pruned: unknown;
  /** Every unknown field's path, in the body's key order. */
  readonly unknown: string[];
}

/**
 * Finds and prunes the unknown fields of a `group/version` `kind` body. A kind without field data (see
 * hasKnownFields) passes unchanged. Values of the wrong JSON type are left alone: the real decoder fails
 * on those with a type error, which is not an unknown field.
 */
export function checkFields(group: string, version: string, kind: string, obj: unknown): FieldCheck {
  const root = rootTypeOf(group, version, kind);
  if (root === undefined) return { pruned: obj, unknown: [] };
  const unknown: string[] = [];
  const pruned = walk(obj, root, "", unknown);
  return { pruned, unknown };
}

function walk(value: unknown, type: FieldType, path: string, unknown: string[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (type.startsWith("[]"))
    return Array.isArray(value) ? walkList(value, type.slice(2), path, unknown) : value;
  if (Array.isArray(value)) return value;
  const entries = value as Record<string, unknown>;
  if (type.startsWith("{}")) return walkMap(entries, type.slice(2), path, unknown);
  const fields = fieldsOf(type);
  // Leaves (quantity, time, "any" for RawExtension/FieldsV1 …) hold whatever JSON they hold.
  if (fields === undefined) return value;
  let changed = false;
  const kept: [string, unknown][] = [];
  for (const [key, item] of Object.entries(entries)) {
    const itemPath = path === "" ? key : `${path}.${key}`;
    const itemType = fieldType(fields, key);
    if (itemType === undefined) {
      unknown.push(itemPath);
      changed = true;
      continue;
    }
    const checked = walk(item, itemType, itemPath, unknown);
    if (checked !== item) changed = true;
    kept.push([key, checked]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype.
  return changed ? Object.fromEntries(kept) : value;
}

function walkList(list: readonly unknown[], itemType: FieldType, path: string, unknown: string[]): unknown {
  let copy: unknown[] | undefined;
  list.forEach((item, i) => {
    const checked = walk(item, itemType, `${path}[${i}]`, unknown);
    if (checked !== item) {
      copy ??= list.slice();
      copy[i] = checked;
    }
  });
  return copy ?? list;
}

/** A map with free-form keys: every key is fine, only its value's own fields can be unknown. */
function walkMap(
  map: Record<string, unknown>,
  valueType: FieldType,
  path: string,
  unknown: string[],
): unknown {
  let changed = false;
  const kept: [string, unknown][] = [];
  for (const [key, item] of Object.entries(map)) {
    const checked = walk(item, valueType, `${path}.${key}`, unknown);
    if (checked !== item) changed = true;
    kept.push([key, checked]);
  }
  return changed ? Object.fromEntries(kept) : map;
}
