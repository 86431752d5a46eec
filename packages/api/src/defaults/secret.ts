// core/v1 Secret defaults (SetDefaults_Secret).
import type { Secret } from "kubernetes-types/core/v1.js";
import { deepCopy } from "./copy.js";
import { isUnset } from "./unset.js";

/** A defaulted copy of a Secret: an untyped secret is Opaque. */
export function defaultSecret(secret: Secret): Secret {
  const out = deepCopy(secret);
  if (isUnset(out.type)) out.type = "Opaque";
  return out;
}
