// Service cluster IPs. Clients may set only the singular clusterIP; the API server derives clusterIPs from
// it before validating (NormalizeClusterIPs in the service strategy), so the checks here read the derived
// list. IP allocation itself happens elsewhere, before validation.
import type { Service, ServiceSpec } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, invalid, notSupported, required } from "../field-error.js";
import { root } from "../field-path.js";
import { type IpBytes, isDualStack, isIPv6String, parseIp, validateIp } from "../ip.js";
import { list, ptr, str } from "./read.js";
import { semanticEqual } from "./semantic-equal.js";

const SPEC = root("spec");
const IP_FAMILIES = ["IPv4", "IPv6"];
const IP_FAMILY_POLICIES = ["PreferDualStack", "RequireDualStack", "SingleStack"];

/** spec.clusterIPs after the strategy's normalisation (create when `old` is undefined, else update). */
export function normalizedClusterIPs(spec: ServiceSpec, old?: ServiceSpec): string[] {
  const ip = str(spec.clusterIP);
  const ips = list<string>(spec.clusterIPs).map(str);
  if (old === undefined) return ip !== "" && ips.length === 0 ? [ip] : ips;
  const oldIp = str(old.clusterIP);
  const oldIps = list<string>(old.clusterIPs).map(str);
  if (ip !== oldIp && semanticEqual(ips, oldIps)) {
    if (ip === "") return [];
    return ips.length <= 1 ? [ip] : [ip, ...ips.slice(1)];
  }
  return ips;
}

/** isHeadlessService: clusterIPs is exactly ["None"]. */
export function isHeadless(clusterIPs: readonly string[]): boolean {
  return clusterIPs.length === 1 && clusterIPs[0] === "None";
}

/** ValidateServiceClusterIPsRelatedFields. */
export function validateClusterIPsRelatedFields(svc: Service, clusterIPs: readonly string[]): FieldError[] {
  const spec = svc.spec ?? {};
  if (str(spec.type) === "ExternalName") return [];
  const errs: FieldError[] = [];
  const ipsPath = SPEC.child("clusterIPs");
  const familiesPath = SPEC.child("ipFamilies");
  const clusterIP = str(spec.clusterIP);
  if (clusterIP !== "") {
    if (clusterIPs.length === 0) errs.push(required(ipsPath));
    else if (clusterIPs[0] !== clusterIP)
      errs.push(invalid(ipsPath, clusterIPs, "first value must match `clusterIP`"));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid(ipsPath, clusterIPs, "must be empty when `clusterIP` is not specified"));
  }
  const families = list<string>(spec.ipFamilies).map(str);
  const seen = new Set<string>();
  families.forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errs.push(notSupported(familiesPath.index(i), family, IP_FAMILIES));
    if (seen.has(family)) errs.push(duplicate(familiesPath.index(i), family));
    seen.add(family);
  });
  const policy = ptr(spec.ipFamilyPolicy);
  if (policy !== undefined && !IP_FAMILY_POLICIES.includes(policy)) {
    errs.push(notSupported(SPEC.child("ipFamilyPolicy"), policy, IP_FAMILY_POLICIES));
  }
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === "None") {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        errs.push(invalid(ipsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = validateIp(ipsPath.index(i), ip);
    if (ipErrs.length > 0) invalidIPs = true;
    errs.push(...ipErrs);
  });
  if (clusterIPs.length > 2) errs.push(invalid(ipsPath, clusterIPs, "may only hold up to 2 values"));
  if (invalidIPs) return errs;
  if (clusterIPs.length > 1) {
    const parsed = clusterIPs.map(parseIp).filter((p): p is IpBytes => p !== undefined);
    if (!isDualStack(parsed))
      errs.push(invalid(ipsPath, clusterIPs, "may specify no more than one IP for each IP family"));
  }
  if (!isHeadless(clusterIPs) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      const family = families[i];
      if (family === "IPv4" && isIPv6String(ip)) {
        errs.push(
          invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``),
        );
      }
      if (family === "IPv6" && !isIPv6String(ip)) {
        errs.push(
          invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``),
        );
      }
    });
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: the primary cluster IP never changes once allocated. */
export function validateClusterIPsUpdate(
  next: readonly string[],
  prev: readonly string[],
  nextSpec: ServiceSpec,
  prevSpec: ServiceSpec,
): FieldError[] {
  if (str(nextSpec.type) === "ExternalName" || str(prevSpec.type) === "ExternalName") return [];
  if (isHeadless(next) && isHeadless(prev)) return [];
  const path = SPEC.child("clusterIPs");
  const errs: FieldError[] = [];
  if (prev.length === next.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i]) errs.push(invalid(path.index(i), next, "may not change once set"));
    });
  } else if (prev.length > next.length) {
    if (next.length === 0) errs.push(invalid(path.index(0), next, "primary clusterIP can not be unset"));
    if (prev.length > 0 && next.length > 0 && next[0] !== prev[0]) {
      errs.push(invalid(path.index(0), next, "may not change once set"));
    }
    if (next.length === 1 && ptr(nextSpec.ipFamilyPolicy) !== "SingleStack") {
      errs.push(
        invalid(
          SPEC.child("ipFamilyPolicy"),
          ptr(nextSpec.ipFamilyPolicy) ?? null,
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
    }
  } else if (prev.length > 0 && next[0] !== prev[0]) {
    errs.push(invalid(path.index(0), next, "may not change once set"));
  }
  return errs;
}

/** validateUpgradeDowngradeIPFamilies: the primary family never changes (headless services excepted). */
export function validateIPFamiliesUpdate(
  nextIPs: readonly string[],
  prevIPs: readonly string[],
  nextSpec: ServiceSpec,
  prevSpec: ServiceSpec,
): FieldError[] {
  if (str(nextSpec.type) === "ExternalName" || str(prevSpec.type) === "ExternalName") return [];
  if (isHeadless(nextIPs) || isHeadless(prevIPs)) return [];
  const next = list<string>(nextSpec.ipFamilies).map(str);
  const prev = list<string>(prevSpec.ipFamilies).map(str);
  const path = SPEC.child("ipFamilies");
  const errs: FieldError[] = [];
  if (prev.length === next.length) {
    prev.forEach((family, i) => {
      if (family !== next[i]) errs.push(invalid(path.index(0), next, "may not change once set"));
    });
  } else if (prev.length > next.length) {
    if (nextIPs.length === 0) errs.push(invalid(path.index(0), next, "primary ipFamily can not be unset"));
    if (next.length > 0 && next[0] !== prev[0])
      errs.push(invalid(path.index(0), nextIPs, "may not change once set"));
    if (next.length === 1 && ptr(nextSpec.ipFamilyPolicy) !== "SingleStack") {
      errs.push(
        invalid(
          SPEC.child("ipFamilyPolicy"),
          ptr(nextSpec.ipFamilyPolicy) ?? null,
          "must be set to 'SingleStack' when releasing the secondary ipFamily",
        ),
      );
    }
  } else if (prev.length > 0 && next.length > 0 && next[0] !== prev[0]) {
    errs.push(invalid(path.index(0), nextIPs, "may not change once set"));
  }
  return errs;
}
