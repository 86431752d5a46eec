// Object-name rules (DNS-1123 label/subdomain, DNS-1035 label) with the API server's exact messages.
// Each check returns the list of problems (empty = valid) so callers can attach them to any field path.
import { type FieldError, forbidden, invalid, required } from "./field-error.js";
import type { FieldPath } from "./field-path.js";
import { byteLength } from "./go-format.js";
import { maxLenError, regexError } from "./messages.js";

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

const dns1123Label = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const dns1035Label = new RegExp(`^${DNS1035_LABEL_FMT}$`);

export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots: say just that.
    if (dns1123Subdomain.test(value)) errs.push("must not contain dots");
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  }
  return errs;
}

export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123Subdomain.test(value))
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errs;
}

export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035Label.test(value))
    errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
  return errs;
}

/**
 * A kind's name rule. `prefix` is true when checking a generateName, which gets a random suffix appended and
 * so may end in "-".
 */
export type NameRule = (name: string, prefix: boolean) => string[];

/**
 * Lets a generateName end in "-" by replacing the ending before the check. Upstream drops the last *two*
 * characters and appends "a"; that quirk is reproduced because it decides which prefixes pass the length
 * limit (a 254-byte prefix ending in "-" is accepted).
 */
export function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith("-")) return `${name.slice(0, -2)}a`;
  return name;
}

export const nameIsDnsSubdomain: NameRule = (name, prefix) =>
  isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDnsLabel: NameRule = (name, prefix) =>
  isDns1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDns1035Label: NameRule = (name, prefix) =>
  isDns1035Label(prefix ? maskTrailingDash(name) : name);

/** The API server's check on any name used in a URL path (applies to every kind, on top of its rule). */
export function isValidPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** `metadata.name` against a kind's rule: Required when empty, else one Invalid per problem. */
export function validateObjectName(name: string | undefined, rule: NameRule, path: FieldPath): FieldError[] {
  if (name === undefined || name.length === 0) return [required(path, "name or generateName is required")];
  return rule(name, false).map((msg) => invalid(path, name, msg));
}

/** `metadata.generateName` as a prefix: nothing to check when absent. */
export function validateGenerateName(
  prefix: string | undefined,
  rule: NameRule,
  path: FieldPath,
): FieldError[] {
  if (prefix === undefined || prefix.length === 0) return [];
  return rule(prefix, true).map((msg) => invalid(path, prefix, msg));
}

export interface NameFields {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
}

/**
 * The name part of the API server's metadata validation, in its order: generateName, name, then namespace
 * (a DNS-1123 label, required on namespaced kinds and forbidden on cluster-scoped ones). `meta` is the path
 * of the metadata object (normally `root("metadata")`). Run it after generateName has been expanded into
 * name, as the API server does; otherwise a generateName-only object fails with "name or generateName is
 * required".
 */
export function validateMetadataNames(
  meta: NameFields,
  namespaced: boolean,
  rule: NameRule,
  path: FieldPath,
): FieldError[] {
  const errs = [
    ...validateGenerateName(meta.generateName, rule, path.child("generateName")),
    ...validateObjectName(meta.name, rule, path.child("name")),
  ];
  const ns = meta.namespace ?? "";
  const nsPath = path.child("namespace");
  if (namespaced) {
    if (ns.length === 0) errs.push(required(nsPath));
    else errs.push(...nameIsDnsLabel(ns, false).map((msg) => invalid(nsPath, ns, msg)));
  } else if (ns.length > 0) {
    errs.push(forbidden(nsPath, "not allowed on this type"));
  }
  return errs;
}
