import { ApiError } from "../errors.js";
import { goQuote } from "../validation/go-format.js";

// How the API server reports unknown fields: the JSON decoder collects them as strict errors (at most
// 100, identical ones once) and the handler either fails the request with all of them in one 400
// (fieldValidation=Strict) or turns each into a Warning header (Warn).

/** The decoder stops collecting strict errors after this many. */
const MAX_STRICT_ERRORS = 100;

function strictErrors(paths: readonly string[]): string[] {
  return [...new Set(paths)].slice(0, MAX_STRICT_ERRORS).map((p) => `unknown field ${goQuote(p)}`);
}

/**
 * fieldValidation=Strict: 400 BadRequest, e.g. `Deployment in version "v1" cannot be handled as a
 * Deployment: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`. `kind` and
 * `version` are those of the body being decoded.
 */
export function unknownFieldError(kind: string, version: string, paths: readonly string[]): ApiError {
  const detail = `strict decoding error: ${strictErrors(paths).join(", ")}`;
  return new ApiError(
    "BadRequest",
    `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${detail}`,
  );
}

/** fieldValidation=Warn: one warning text per unknown field (`unknown field "spec.foo"`), for the Warning header. */
export function unknownFieldWarnings(paths: readonly string[]): string[] {
  return strictErrors(paths);
}
