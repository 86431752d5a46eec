export type { FieldSchema } from "./field-schema.js";
export { schemaFor } from "./schema-for.js";
