// core/v1 Service (ValidateService, ValidateServiceUpdate, ValidateServiceStatusUpdate), for objects that
// are defaulted and have their cluster IP and node ports allocated already (allocation is not validation).
import type { LoadBalancerIngress, Service, ServicePort, ServiceSpec } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import { root } from "../field-path.js";
import { validateCidr, validateIp, validateNonSpecialIp } from "../ip.js";
import { isQualifiedName, validateLabels } from "../labels.js";
import { isDns1123Subdomain, nameIsDns1035Label } from "../names.js";
import { isValidPortNum } from "../ports.js";
import type { KindValidator } from "./kind-validator.js";
import { METADATA, metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, num, present, ptr, str, strMap } from "./read.js";
import {
  isHeadless,
  normalizedClusterIPs,
  validateClusterIPsRelatedFields,
  validateClusterIPsUpdate,
  validateIPFamiliesUpdate,
} from "./service-cluster-ips.js";
import { validateServicePort } from "./service-ports.js";

const SPEC = root("spec");
const SERVICE_META = { namespaced: true, nameRule: nameIsDns1035Label, kubeFinalizers: true } as const;
const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const SESSION_AFFINITIES = ["ClientIP", "None"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const LB_SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";
const ONLY_LOAD_BALANCER = "may only be used when `type` is 'LoadBalancer'";

function serviceOf(obj: unknown): Service {
  return (isObj(obj) ? obj : {}) as Service;
}

function specOf(svc: Service): ServiceSpec {
  return isObj(svc.spec) ? svc.spec : {};
}

function externallyAccessible(spec: ServiceSpec): boolean {
  const type = str(spec.type);
  return (
    type === "LoadBalancer" ||
    type === "NodePort" ||
    (type === "ClusterIP" && list(spec.externalIPs).length > 0)
  );
}

function validateSessionAffinity(spec: ServiceSpec): FieldError[] {
  const affinity = str(spec.sessionAffinity);
  const path = SPEC.child("sessionAffinity");
  const configPath = SPEC.child("sessionAffinityConfig");
  if (affinity === "") return [required(path)];
  if (!SESSION_AFFINITIES.includes(affinity)) return [notSupported(path, affinity, SESSION_AFFINITIES)];
  if (affinity === "None") {
    return isObj(spec.sessionAffinityConfig)
      ? [forbidden(configPath, "must not be set when session affinity is None")]
      : [];
  }
  const when = "when session affinity type is ClientIP";
  const config = spec.sessionAffinityConfig;
  if (!present(config)) return [required(configPath, when)];
  if (!present(config.clientIP)) return [required(configPath.child("clientIP"), when)];
  const timeout = ptr(config.clientIP.timeoutSeconds);
  const timeoutPath = configPath.child("clientIP").child("timeoutSeconds");
  if (timeout === undefined) return [required(timeoutPath, when)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [
      invalid(timeoutPath, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`),
    ];
  }
  return [];
}

function validateTypeSpecific(spec: ServiceSpec, clusterIPs: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  if ((type === "LoadBalancer" || type === "NodePort") && isHeadless(clusterIPs)) {
    errs.push(
      invalid(
        SPEC.child("clusterIPs").index(0),
        clusterIPs[0] ?? "",
        `may not be set to 'None' for ${type} services`,
      ),
    );
  }
  if (type === "ExternalName") {
    if (clusterIPs.length > 0)
      errs.push(forbidden(SPEC.child("clusterIPs"), "may not be set for ExternalName services"));
    if (list(spec.ipFamilies).length > 0) {
      errs.push(forbidden(SPEC.child("ipFamilies"), "may not be set for ExternalName services"));
    }
    if (ptr(spec.ipFamilyPolicy) !== undefined) {
      errs.push(forbidden(SPEC.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
    }
    // A trailing dot marks the name as fully qualified.
    const cname = str(spec.externalName).replace(/\.$/, "");
    if (cname === "") errs.push(required(SPEC.child("externalName")));
    else
      errs.push(...isDns1123Subdomain(cname).map((msg) => invalid(SPEC.child("externalName"), cname, msg)));
  }
  return errs;
}

function validatePortUniqueness(ports: readonly ServicePort[]): FieldError[] {
  const errs: FieldError[] = [];
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const nodePort = num(port.nodePort);
    if (nodePort === 0) return;
    const key = `${str(port.protocol)}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(SPEC.child("ports").index(i).child("nodePort"), nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${str(port.protocol)}/${num(port.port)}`;
    if (seen.has(key)) {
      errs.push(
        duplicate(SPEC.child("ports").index(i), { protocol: str(port.protocol), port: num(port.port) }),
      );
    }
    seen.add(key);
  });
  return errs;
}

function validateSourceRanges(svc: Service, spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const isLB = str(spec.type) === "LoadBalancer";
  const ranges = list<string>(spec.loadBalancerSourceRanges);
  const annotations = strMap(metaOf(svc).annotations);
  if (ranges.length > 0) {
    const path = SPEC.child("LoadBalancerSourceRanges");
    if (!isLB) errs.push(forbidden(path, ONLY_LOAD_BALANCER));
    ranges.forEach((r, i) => {
      errs.push(...validateCidr(path.index(i), str(r).trim()));
    });
  } else if (Object.hasOwn(annotations, LB_SOURCE_RANGES_ANNOTATION)) {
    const path = METADATA.child("annotations").key(LB_SOURCE_RANGES_ANNOTATION);
    if (!isLB) errs.push(forbidden(path, ONLY_LOAD_BALANCER));
    const value = (annotations[LB_SOURCE_RANGES_ANNOTATION] ?? "").trim();
    if (value !== "") for (const cidr of value.split(",")) errs.push(...validateCidr(path, cidr.trim()));
  }
  return errs;
}

function validateTrafficPolicies(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const external = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (external !== "") {
      errs.push(
        invalid(
          SPEC.child("externalTrafficPolicy"),
          external,
          "may only be set for externally-accessible services",
        ),
      );
    }
  } else if (external === "") {
    errs.push(required(SPEC.child("externalTrafficPolicy")));
  } else if (!TRAFFIC_POLICIES.includes(external)) {
    errs.push(notSupported(SPEC.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES));
  }
  const needsHealthCheck = str(spec.type) === "LoadBalancer" && external === "Local";
  const healthCheck = num(spec.healthCheckNodePort);
  if (!needsHealthCheck) {
    if (healthCheck !== 0) {
      errs.push(
        invalid(
          SPEC.child("healthCheckNodePort"),
          healthCheck,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
    }
  } else if (healthCheck === 0) {
    errs.push(required(SPEC.child("healthCheckNodePort")));
  } else {
    errs.push(
      ...isValidPortNum(healthCheck).map((msg) =>
        invalid(SPEC.child("healthCheckNodePort"), healthCheck, msg),
      ),
    );
  }
  const internal = ptr(spec.internalTrafficPolicy);
  if (internal === undefined) {
    // Other types are tolerated for historical reasons.
    if (["NodePort", "LoadBalancer", "ClusterIP"].includes(str(spec.type))) {
      errs.push(required(SPEC.child("internalTrafficPolicy")));
    }
  } else if (!TRAFFIC_POLICIES.includes(internal)) {
    errs.push(notSupported(SPEC.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES));
  }
  const distribution = ptr(spec.trafficDistribution);
  if (distribution !== undefined && distribution !== "PreferClose") {
    errs.push(notSupported(SPEC.child("trafficDistribution"), distribution, ["PreferClose"]));
  }
  return errs;
}

/** ValidateService on a service whose clusterIPs have been normalised to `clusterIPs`. */
function validateService(svc: Service, clusterIPs: readonly string[]): FieldError[] {
  const spec = specOf(svc);
  const type = str(spec.type);
  const headless = isHeadless(clusterIPs);
  const errs = validateObjectMeta(metaOf(svc), SERVICE_META);
  const ports = list<ServicePort>(spec.ports);
  if (ports.length === 0 && !headless && type !== "ExternalName") errs.push(required(SPEC.child("ports")));
  errs.push(...validateTypeSpecific(spec, clusterIPs));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    errs.push(...validateServicePort(port, ports.length > 1, names, SPEC.child("ports").index(i)));
  });
  if (isObj(spec.selector)) errs.push(...validateLabels(strMap(spec.selector), SPEC.child("selector")));
  errs.push(...validateSessionAffinity(spec));
  errs.push(...validateClusterIPsRelatedFields(svc, clusterIPs));
  list<string>(spec.externalIPs).forEach((ip, i) => {
    const p = SPEC.child("externalIPs").index(i);
    const ipErrs = validateIp(p, str(ip));
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIp(str(ip), p)));
  });
  if (type === "") errs.push(required(SPEC.child("type")));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported(SPEC.child("type"), type, SERVICE_TYPES));
  if (type === "ClusterIP") {
    ports.forEach((port, i) => {
      if (num(port.nodePort) !== 0) {
        errs.push(
          forbidden(
            SPEC.child("ports").index(i).child("nodePort"),
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
      }
    });
  }
  errs.push(...validatePortUniqueness(ports));
  errs.push(...validateSourceRanges(svc, spec));
  const allocate = ptr(spec.allocateLoadBalancerNodePorts);
  if (allocate !== undefined && type !== "LoadBalancer") {
    errs.push(forbidden(SPEC.child("allocateLoadBalancerNodePorts"), ONLY_LOAD_BALANCER));
  }
  if (type === "LoadBalancer" && allocate === undefined) {
    // Reported without the "spec." prefix, as upstream does.
    errs.push(required(root("allocateLoadBalancerNodePorts")));
  }
  const lbClass = ptr(spec.loadBalancerClass);
  if (lbClass !== undefined) {
    if (type !== "LoadBalancer") errs.push(forbidden(SPEC.child("loadBalancerClass"), ONLY_LOAD_BALANCER));
    else
      errs.push(
        ...isQualifiedName(lbClass).map((msg) => invalid(SPEC.child("loadBalancerClass"), lbClass, msg)),
      );
  }
  errs.push(...validateTrafficPolicies(spec));
  return errs;
}

/** ValidateLoadBalancerStatus: ingress points are IPs (with their mode) or DNS names, not both kinds mixed up. */
function validateLoadBalancerIngress(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const path = root("status", "loadBalancer", "ingress");
  list<LoadBalancerIngress>(svc.status?.loadBalancer?.ingress).forEach((ingress, i) => {
    const p = path.index(i);
    const ip = str(ingress.ip);
    if (ip !== "") errs.push(...validateIp(p.child("ip"), ip));
    const mode = ptr(ingress.ipMode);
    if (mode === undefined) {
      if (ip !== "") errs.push(required(p.child("ipMode"), "must be specified when `ip` is set"));
    } else if (ip === "") {
      errs.push(forbidden(p.child("ipMode"), "may not be specified when `ip` is not set"));
    } else if (mode !== "VIP" && mode !== "Proxy") {
      errs.push(notSupported(p.child("ipMode"), mode, ["Proxy", "VIP"]));
    }
    const hostname = str(ingress.hostname);
    if (hostname !== "") {
      errs.push(...isDns1123Subdomain(hostname).map((msg) => invalid(p.child("hostname"), hostname, msg)));
      if (validateIp(p.child("hostname"), hostname).length === 0) {
        errs.push(invalid(p.child("hostname"), hostname, "must be a DNS name, not an IP address"));
      }
    }
  });
  return errs;
}

function update(obj: unknown, old: unknown): FieldError[] {
  const svc = serviceOf(obj);
  const prev = serviceOf(old);
  const spec = specOf(svc);
  const prevSpec = specOf(prev);
  const clusterIPs = normalizedClusterIPs(spec, prevSpec);
  const prevIPs = normalizedClusterIPs(prevSpec);
  const errs = validateObjectMetaUpdate(metaOf(svc), metaOf(prev), true);
  errs.push(...validateClusterIPsUpdate(clusterIPs, prevIPs, spec, prevSpec));
  errs.push(...validateIPFamiliesUpdate(clusterIPs, prevIPs, spec, prevSpec));
  const prevClass = ptr(prevSpec.loadBalancerClass);
  if (
    str(prevSpec.type) === "LoadBalancer" &&
    str(spec.type) === "LoadBalancer" &&
    prevClass !== ptr(spec.loadBalancerClass)
  ) {
    errs.push(
      invalid(
        SPEC.child("loadBalancerClass"),
        ptr(spec.loadBalancerClass) ?? null,
        "may not change once set",
      ),
    );
  }
  const needsHealthCheck = (s: ServiceSpec): boolean =>
    str(s.type) === "LoadBalancer" && str(s.externalTrafficPolicy) === "Local";
  if (
    needsHealthCheck(prevSpec) &&
    needsHealthCheck(spec) &&
    num(spec.healthCheckNodePort) !== num(prevSpec.healthCheckNodePort)
  ) {
    errs.push(forbidden(SPEC.child("healthCheckNodePort"), "field is immutable"));
  }
  errs.push(...validateService(svc, clusterIPs));
  return errs;
}

export const serviceValidator: KindValidator = {
  namespaced: true,
  create: (obj) => {
    const svc = serviceOf(obj);
    return validateService(svc, normalizedClusterIPs(specOf(svc)));
  },
  update,
  status: (obj, old) => [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
    ...validateLoadBalancerIngress(serviceOf(obj)),
  ],
};
