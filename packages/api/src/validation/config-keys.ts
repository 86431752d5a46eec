// Keys of ConfigMap and Secret data (they become file names in volumes, so "." and ".." are refused).
import { byteLength } from "./go-format.js";
import { maxLenError, regexError } from "./messages.js";
import { DNS1123_SUBDOMAIN_MAX_LENGTH } from "./names.js";

const CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const configKey = new RegExp(`^${CONFIG_KEY_FMT}$`);

/** Names that would walk out of a volume directory. */
export function hasChDirPrefix(value: string): string[] {
  if (value === ".") return ["must not be '.'"];
  if (value === "..") return ["must not be '..'"];
  if (value.startsWith("..")) return ["must not start with '..'"];
  return [];
}

export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!configKey.test(value))
    errs.push(regexError(CONFIG_KEY_MSG, CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
  errs.push(...hasChDirPrefix(value));
  return errs;
}
