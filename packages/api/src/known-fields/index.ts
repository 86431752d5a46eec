export { checkFields, type FieldCheck } from "./check-fields.js";
export { hasKnownFields, rootTypeOf } from "./lookup.js";
export type { FieldType, KnownKinds, KnownTypes } from "./model.js";
export { unknownFieldError, unknownFieldWarnings } from "./strict-errors.js";
