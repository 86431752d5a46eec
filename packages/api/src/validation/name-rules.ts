// Which name rule each kind tskube serves uses, as in the API server's per-kind validation. Most kinds take
// DNS-1123 subdomains; Namespaces are DNS labels (they become DNS zones), Services DNS-1035 labels
// (they become DNS names and env var prefixes, so they may not start with a digit).
import { type NameRule, nameIsDns1035Label, nameIsDnsLabel, nameIsDnsSubdomain } from "./names.js";

const EXCEPTIONS: Readonly<Record<string, NameRule>> = {
  Namespace: nameIsDnsLabel,
  Service: nameIsDns1035Label,
};

/** The name rule of a Kind ("Pod", "Service", …); kinds without a special rule use DNS-1123 subdomains. */
export function nameRuleFor(kind: string): NameRule {
  return EXCEPTIONS[kind] ?? nameIsDnsSubdomain;
}
