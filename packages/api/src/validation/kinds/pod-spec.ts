// PodSpec validation shared by Pods and the pod templates of workloads (ValidatePodSpec), in Kubernetes'
// order. Not covered: affinity, topology spread constraints, sysctls, seccomp/AppArmor/SELinux options,
// resource claims, overhead and the Windows host-process rules.
import type { Container, PodSpec } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { validateIp } from "../ip.js";
import { isQualifiedName, validateLabels } from "../labels.js";
import { isDns1123Label, isDns1123Subdomain, nameIsDnsSubdomain } from "../names.js";
import { inclusiveRangeError, MAX_INT32 } from "../numbers.js";
import { validateContainers, validateInitContainers } from "./container.js";
import { validateDnsConfig, validateDnsPolicy } from "./dns-config.js";
import { isObj, list, num, ptr, str, strMap } from "./read.js";
import { validatePodSecurityContext, validateShareProcessNamespace } from "./security-context.js";
import { validateTolerations } from "./tolerations.js";
import { validateVolumes } from "./volumes.js";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const PREEMPTION_POLICIES = ["PreemptLowerPriority", "Never"];
const OS_NAMES = ["linux", "windows"];

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): host-network ports must then equal container ports. */
  readonly resourceIsPod: boolean;
}

function subdomainField(value: string, path: FieldPath): FieldError[] {
  return value === "" ? [] : nameIsDnsSubdomain(value, false).map((msg) => invalid(path, value, msg));
}

function labelField(value: string, path: FieldPath): FieldError[] {
  return value === "" ? [] : isDns1123Label(value).map((msg) => invalid(path, value, msg));
}

function validateRestartPolicy(policy: string, path: FieldPath): FieldError[] {
  if (policy === "") return [required(path)];
  return RESTART_POLICIES.includes(policy) ? [] : [notSupported(path, policy, RESTART_POLICIES)];
}

/** With host networking a Pod's host ports must equal its container ports (templates may leave them 0). */
function validateHostNetworkPorts(spec: PodSpec, path: FieldPath, opts: PodSpecOptions): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  list<Container>(spec.containers).forEach((c, ci) => {
    list<{ hostPort?: number; containerPort?: number }>(c.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort);
      if ((opts.resourceIsPod || hostPort !== 0) && hostPort !== num(port.containerPort)) {
        errs.push(
          invalid(
            path.child("containers").index(ci).child("ports").index(pi).child("hostPort"),
            hostPort,
            "must match `containerPort` when `hostNetwork` is true",
          ),
        );
      }
    });
  });
  return errs;
}

function validateImagePullSecrets(secrets: unknown, path: FieldPath): FieldError[] {
  return list<Record<string, unknown>>(secrets).flatMap((ref, i) =>
    isObj(ref) && Object.keys(ref).some((k) => k !== "name" && ref[k] !== undefined && ref[k] !== null)
      ? [invalid(path.index(i), ref, "only name may be set")]
      : [],
  );
}

function validateReadinessGates(gates: unknown, path: FieldPath): FieldError[] {
  return list<{ conditionType?: string }>(gates).flatMap((gate, i) => {
    const type = str(gate.conditionType);
    return isQualifiedName(type).map((msg) => invalid(path.index(i).child("conditionType"), type, msg));
  });
}

function validateSchedulingGates(gates: unknown, path: FieldPath): FieldError[] {
  const seen = new Set<string>();
  return list<{ name?: string }>(gates).flatMap((gate, i) => {
    const name = str(gate.name);
    const errs = isQualifiedName(name).map((msg) => invalid(path.index(i), name, msg));
    if (seen.has(name)) errs.push(duplicate(path.index(i), name));
    seen.add(name);
    return errs;
  });
}

function validateHostAliases(aliases: unknown, path: FieldPath): FieldError[] {
  return list<{ ip?: string; hostnames?: string[] }>(aliases).flatMap((alias, i) => {
    const p = path.index(i);
    const errs = validateIp(p.child("ip"), str(alias.ip));
    list<string>(alias.hostnames).forEach((hostname, j) => {
      const h = str(hostname);
      errs.push(...isDns1123Subdomain(h).map((msg) => invalid(p.child("hostnames").index(j), h, msg)));
    });
    return errs;
  });
}

export function validatePodSpec(spec: PodSpec, path: FieldPath, opts: PodSpecOptions): FieldError[] {
  const errs: FieldError[] = [];
  const grace = ptr(spec.terminationGracePeriodSeconds);
  if (grace === undefined) errs.push(required(path.child("terminationGracePeriodSeconds")));
  const volumes = validateVolumes(spec.volumes, path.child("volumes"));
  errs.push(...volumes.errs);
  const ctx = { volumes: volumes.names, gracePeriod: grace };
  const containers = list<Container>(spec.containers);
  errs.push(...validateContainers(containers, ctx, path.child("containers")));
  errs.push(
    ...validateInitContainers(
      list<Container>(spec.initContainers),
      containers,
      ctx,
      path.child("initContainers"),
    ),
  );
  errs.push(...validateHostNetworkPorts(spec, path, opts));
  errs.push(...validateRestartPolicy(str(spec.restartPolicy), path.child("restartPolicy")));
  errs.push(...validateDnsPolicy(str(spec.dnsPolicy), path.child("dnsPolicy")));
  errs.push(...validateLabels(strMap(spec.nodeSelector), path.child("nodeSelector")));
  errs.push(...validatePodSecurityContext(spec.securityContext, path.child("securityContext")));
  errs.push(
    ...validateShareProcessNamespace(
      spec.shareProcessNamespace,
      spec.hostPID,
      path.child("securityContext").child("shareProcessNamespace"),
    ),
  );
  errs.push(...validateImagePullSecrets(spec.imagePullSecrets, path.child("imagePullSecrets")));
  errs.push(...validateDnsConfig(spec.dnsConfig, str(spec.dnsPolicy), path.child("dnsConfig")));
  errs.push(...validateReadinessGates(spec.readinessGates, path.child("readinessGates")));
  errs.push(...validateSchedulingGates(spec.schedulingGates, path.child("schedulingGates")));
  errs.push(...subdomainField(str(spec.serviceAccountName), path.child("serviceAccountName")));
  errs.push(...subdomainField(str(spec.nodeName), path.child("nodeName")));
  const deadline = ptr(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(path.child("activeDeadlineSeconds"), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  errs.push(...labelField(str(spec.hostname), path.child("hostname")));
  errs.push(...labelField(str(spec.subdomain), path.child("subdomain")));
  errs.push(...validateTolerations(spec.tolerations, path.child("tolerations")));
  errs.push(...validateHostAliases(spec.hostAliases, path.child("hostAliases")));
  errs.push(...subdomainField(str(spec.priorityClassName), path.child("priorityClassName")));
  const runtimeClass = ptr(spec.runtimeClassName);
  if (runtimeClass !== undefined) {
    errs.push(
      ...nameIsDnsSubdomain(runtimeClass, false).map((msg) =>
        invalid(path.child("runtimeClassName"), runtimeClass, msg),
      ),
    );
  }
  const preemption = ptr(spec.preemptionPolicy);
  if (preemption !== undefined) {
    if (preemption === "") errs.push(required(path.child("preemptionPolicy")));
    else if (!PREEMPTION_POLICIES.includes(preemption)) {
      errs.push(notSupported(path.child("preemptionPolicy"), preemption, PREEMPTION_POLICIES));
    }
  }
  if (isObj(spec.os)) {
    const os = str(spec.os.name);
    if (!OS_NAMES.includes(os)) errs.push(notSupported(path.child("os").child("name"), os, OS_NAMES));
  }
  return errs;
}
