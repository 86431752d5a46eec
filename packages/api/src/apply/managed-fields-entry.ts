/** One entry of metadata.managedFields, as the API server writes it. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  /** RFC 3339, seconds precision; absent only on entries a client wrote without one. */
  time?: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}
