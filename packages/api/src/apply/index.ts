// Server-side apply and managedFields: field ownership as Kubernetes' field manager records it.
export { type ApplyConflict, conflictError, describeManager } from "./conflicts.js";
export { FieldSet } from "./field-set.js";
export { fromFieldsV1, toFieldsV1 } from "./fields-v1.js";
export type { FieldPaths } from "./ignored-fields.js";
export { LAST_APPLIED_ANNOTATION } from "./last-applied.js";
export type { ManagedFieldsEntry } from "./managed-fields-entry.js";
export { type RecordUpdateArgs, recordUpdate } from "./record-update.js";
export { type ServerSideApplyArgs, serverSideApply } from "./server-side-apply.js";
