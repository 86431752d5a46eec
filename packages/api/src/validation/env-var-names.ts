// Environment variable names. Kubernetes 1.32 enables RelaxedEnvironmentVariableValidation (beta, on by
// default): any printable ASCII but '='. The older C-identifier-like rule is kept for callers that want it.

import { hasChDirPrefix } from "./config-keys.js";
import { emptyError, regexError } from "./messages.js";

const ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const ENV_VAR_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const RELAXED_ENV_VAR_NAME_MSG =
  "a valid environment variable name must consist only of printable ASCII characters other than '='";
const envVarName = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

/** The strict (pre-1.32 default) rule: IsEnvVarName. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!envVarName.test(value))
    errs.push(regexError(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** The relaxed rule the 1.32 API server applies: IsRelaxedEnvVarName. */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push(`environment variable name ${emptyError()}`);
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    // Printable ASCII is 0x20..0x7e; Go's unicode.IsPrint counts the space as printable.
    if (cp > 0x7e || cp < 0x20 || ch === "=") {
      errs.push(RELAXED_ENV_VAR_NAME_MSG);
      break;
    }
  }
  return errs;
}
