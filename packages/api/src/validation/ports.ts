// Port numbers and IANA service names (RFC 6335), as Kubernetes' IsValidPortNum / IsValidPortName check them.
import { maxLenError } from "./messages.js";
import { inclusiveRangeError } from "./numbers.js";

const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;
const PORT_NAME_LETTER = /[a-z]/;
export const PORT_NAME_MAX_LENGTH = 15;

/** A non-zero TCP/UDP port: an integer in 1..65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/**
 * An IANA_SVC_NAME: at most 15 characters of [-a-z0-9] with at least one letter, no leading, trailing or
 * doubled hyphen. Lower case only, although RFC 6335 is case-insensitive (as upstream).
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > PORT_NAME_MAX_LENGTH) errs.push(maxLenError(PORT_NAME_MAX_LENGTH));
  if (!PORT_NAME_CHARSET.test(port))
    errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!PORT_NAME_LETTER.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.startsWith("-") || port.endsWith("-")) errs.push("must not begin or end with a hyphen");
  return errs;
}
