// Shared API types, errors and validation of tskube's Kubernetes-style API (issue 4).

// Defaulting of the core workload kinds, as the API server's SetDefaults functions do.
export * from "./defaults/index.js";
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
// Label and field selectors (parse, match, canonical text) with Kubernetes' messages.
export * from "./selectors/index.js";
// Server-side Tables for `kubectl get` (columns, wide columns, Age), per kind.
export * from "./tables/index.js";
// Field paths, field errors and name/label validation, as Kubernetes' field package: `field.invalid(…)`.
export * as field from "./validation/index.js";
