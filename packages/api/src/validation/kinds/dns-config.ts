// spec.dnsPolicy and spec.dnsConfig: the resolver limits of libc (3 nameservers, 32 search domains of at
// most 2048 characters together) and the None policy's need for an explicit configuration.
import type { PodDNSConfig } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { validateIp } from "../ip.js";
import { isDns1123Subdomain } from "../names.js";
import { isObj, list, str } from "./read.js";

const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;

export function validateDnsPolicy(policy: string, path: FieldPath): FieldError[] {
  if (policy === "") return [required(path)];
  return DNS_POLICIES.includes(policy) ? [] : [notSupported(path, policy, DNS_POLICIES)];
}

export function validateDnsConfig(
  config: PodDNSConfig | undefined | null,
  policy: string,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (policy === "None") {
    if (!isObj(config)) return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (list(config.nameservers).length === 0) {
      return [
        required(
          path.child("nameservers"),
          "must provide at least one DNS nameserver when `dnsPolicy` is None",
        ),
      ];
    }
  }
  if (!isObj(config)) return errs;
  const nameservers = list<string>(config.nameservers);
  if (nameservers.length > MAX_NAMESERVERS) {
    errs.push(
      invalid(
        path.child("nameservers"),
        nameservers,
        `must not have more than ${MAX_NAMESERVERS} nameservers`,
      ),
    );
  }
  nameservers.forEach((ns, i) => {
    errs.push(...validateIp(path.child("nameservers").index(i), str(ns)));
  });
  const searches = list<string>(config.searches).map(str);
  if (searches.length > MAX_SEARCH_PATHS) {
    errs.push(
      invalid(path.child("searches"), searches, `must not have more than ${MAX_SEARCH_PATHS} search paths`),
    );
  }
  if (searches.join(" ").length > MAX_SEARCH_LIST_CHARS) {
    errs.push(
      invalid(
        path.child("searches"),
        searches,
        `must not have more than ${MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
      ),
    );
  }
  searches.forEach((search, i) => {
    const trimmed = search.endsWith(".") ? search.slice(0, -1) : search;
    errs.push(
      ...isDns1123Subdomain(trimmed).map((msg) => invalid(path.child("searches").index(i), trimmed, msg)),
    );
  });
  list<{ name?: string }>(config.options).forEach((option, i) => {
    if (str(option.name) === "") errs.push(required(path.child("options").index(i), "must not be empty"));
  });
  return errs;
}
