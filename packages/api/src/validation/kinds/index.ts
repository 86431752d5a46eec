// Per-kind validation of the API server: create, update and status updates of every kind tskube serves,
// with Kubernetes' field paths and messages. Run after defaulting, on the defaulted object.
export type { KindValidator } from "./kind-validator.js";
export { validatedKinds, validatorFor } from "./registry.js";
export { type ValidateOptions, validateObject, validateStatusUpdate, validateUpdate } from "./validate.js";
