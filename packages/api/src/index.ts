// Shared API types, errors and validation of tskube's Kubernetes-style API (issue 4).

// Server-side apply: field managers, managedFields and conflicts.
export * from "./apply/index.js";
// The typed gRPC client of the object API (api.v1.Objects) and its wire helpers.
export * from "./client/index.js";
export * from "./conversion/index.js";
// Defaulting of the core workload kinds, as the API server's SetDefaults functions do.
export * from "./defaults/index.js";
export * from "./discovery/index.js";
export {
  ApiError,
  alreadyExists,
  badRequest,
  type Cause,
  conflict,
  expired,
  forbidden,
  internalError,
  invalid,
  notFound,
  type ResourceRef,
  requestEntityTooLarge,
  type StatusDetails,
  type StatusReason,
  toApiError,
  unauthorized,
  unsupportedMediaType,
} from "./errors.js";
// Unknown fields of built-in kinds (fieldValidation Strict/Warn/Ignore), from kubernetes-types' field lists.
export {
  checkFields as checkKnownFields,
  type FieldCheck,
  hasKnownFields,
  unknownFieldError,
  unknownFieldWarnings,
} from "./known-fields/index.js";
export * from "./openapi/index.js";
// JSON patch, merge patch and strategic merge patch.
export * from "./patch/index.js";
// kubectl 1.32's protobuf request bodies.
export * from "./protobuf/index.js";
// The resource registry (what is served, URL and store layout), discovery, OpenAPI and version conversion.
export * from "./registry/index.js";
// Field schema of the built-in kinds (list semantics for strategic merge patch and server-side apply).
export * from "./schema/index.js";
// Label and field selectors (parse, match, canonical text) with Kubernetes' messages.
export * from "./selectors/index.js";
// Server-side Tables for `kubectl get` (columns, wide columns, Age), per kind.
export * from "./tables/index.js";
// Field paths, field errors and name/label validation, as Kubernetes' field package: `field.invalid(…)`.
export * as field from "./validation/index.js";
// Per-kind validation (create, update, status update) with Kubernetes' field paths and messages.
export {
  type KindValidator,
  type ValidateOptions,
  validatedKinds,
  validateObject,
  validateStatusUpdate,
  validateUpdate,
  validatorFor,
} from "./validation/kinds/index.js";
// Resource quantities ("250m", "128Mi") parsed exactly, as apimachinery's resource.Quantity.
export { isQuantity, parseQuantity, Quantity, quantityFrom } from "./validation/quantity.js";
