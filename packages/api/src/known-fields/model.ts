// The shape of the generated field data (generated/known-types.ts): just enough of every Go type's JSON
// form to tell a known field from an unknown one, the way the API server's strict decoding does.

/**
 * One field's type, compactly: a leaf ("string", "number", "boolean", "int-or-string", "quantity",
 * "time", or "any" for arbitrary JSON such as RawExtension and FieldsV1), "[]" + the item type for a list,
 * "{}" + the value type for a map with free-form keys (labels, annotations, data), or the name of a type
 * in KnownTypes ("core/v1.PodSpec").
 */
export type FieldType = string;

/** Type name ("apps/v1.Deployment") → JSON field name → field type. */
export type KnownTypes = Readonly<Record<string, Readonly<Record<string, FieldType>>>>;

/** "group/version/Kind" ("apps/v1/Deployment", "/v1/Pod" for core) → the kind's type name. */
export type KnownKinds = Readonly<Record<string, string>>;
