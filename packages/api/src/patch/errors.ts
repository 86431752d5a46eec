import { ApiError, badRequest } from "../errors.js";

// The API server's answers to bad patches (apiserver endpoints/handlers/patch.go).

/**
 * What the API server answers when a JSON patch cannot be applied (failed `test`, missing path…): it wraps
 * the error in a generic 422 whose message drops the cause, so kubectl prints "The request is invalid: the
 * server rejected our request due to an error in our request". The cause is kept on `cause` for logs.
 */
export function patchRejected(cause?: unknown): ApiError {
  const err = new ApiError("Invalid", "the server rejected our request due to an error in our request", {});
  if (cause !== undefined) err.cause = cause;
  return err;
}

/** Go's json.Unmarshal type error, which the API server returns verbatim as a 400. */
export function cannotUnmarshal(kind: string, goType: string): ApiError {
  return badRequest(`json: cannot unmarshal ${kind} into Go value of type ${goType}`);
}
