// Pod status updates (ValidatePodStatusUpdate, minus metadata): the node binding and QoS class do not
// change, terminated containers of non-restarting pods stay terminated, and pod/host IPs are valid.
import type {
  Container,
  ContainerStatus,
  Pod,
  PodCondition,
  PodIP,
  PodStatus,
} from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, forbidden, invalid } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { type IpBytes, isDualStack, parseIp, validateIp } from "../ip.js";
import { isQualifiedName } from "../labels.js";
import { nameIsDnsSubdomain } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import { METADATA } from "./object-meta.js";
import { podSpecOf } from "./pod-common.js";
import { isObj, list, ptr, str } from "./read.js";

const STATUS = root("status");
const SYSTEM_CONDITIONS = new Set(["PodScheduled", "Ready", "Initialized"]);

function statusOf(pod: Pod): PodStatus {
  return isObj(pod.status) ? pod.status : {};
}

function terminated(s: ContainerStatus): boolean {
  return isObj(s.state) && isObj(s.state.terminated);
}

function exitCode(s: ContainerStatus): number {
  return typeof s.state?.terminated?.exitCode === "number" ? s.state.terminated.exitCode : 0;
}

/** ValidateContainerStateTransition: a container that ended for good may not come back. */
function validateStateTransition(
  next: readonly ContainerStatus[],
  prev: readonly ContainerStatus[],
  path: FieldPath,
  restartPolicy: string,
  restartable: (name: string) => boolean = () => false,
): FieldError[] {
  if (restartPolicy === "Always") return [];
  const errs: FieldError[] = [];
  prev.forEach((old, i) => {
    if (!terminated(old)) return;
    if (exitCode(old) !== 0 && restartPolicy === "OnFailure") return;
    if (restartable(str(old.name))) return;
    for (const s of next) {
      if (str(s.name) === str(old.name) && !terminated(s)) {
        errs.push(forbidden(path.index(i).child("state"), "may not be transitioned to non-terminated state"));
      }
    }
  });
  return errs;
}

/** Pod and host IP lists: valid addresses, at most one per family, no repeats. */
function validateIps(ips: readonly PodIP[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  ips.forEach((ip, i) => {
    errs.push(...validateIp(path.index(i), str(ip.ip)));
  });
  if (ips.length > 1) {
    const parsed = ips.map((ip) => parseIp(str(ip.ip)));
    if (parsed.every((p): p is IpBytes => p !== undefined) && (!isDualStack(parsed) || ips.length > 2)) {
      errs.push(invalid(path, ips, "may specify no more than one IP for each IP family"));
    }
    const seen = new Set<string>();
    ips.forEach((ip, i) => {
      if (seen.has(str(ip.ip))) errs.push(duplicate(path.index(i), ip));
      seen.add(str(ip.ip));
    });
  }
  return errs;
}

export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const status = statusOf(pod);
  const oldStatus = statusOf(old);
  const spec = podSpecOf(pod);
  const oldSpec = podSpecOf(old);
  // Custom conditions must be qualified names; upstream reports them under "metadata.conditions".
  list<PodCondition>(status.conditions).forEach((c, i) => {
    const type = str(c.type);
    if (SYSTEM_CONDITIONS.has(type)) return;
    errs.push(
      ...isQualifiedName(type).map((msg) =>
        invalid(METADATA.child("conditions").index(i).child("Type"), type, msg),
      ),
    );
  });
  if (str(spec.nodeName) !== str(oldSpec.nodeName)) {
    errs.push(forbidden(STATUS.child("nodeName"), "may not be changed directly"));
  }
  const nominated = str(status.nominatedNodeName);
  if (nominated !== str(oldStatus.nominatedNodeName) && nominated !== "") {
    errs.push(
      ...nameIsDnsSubdomain(nominated, false).map((msg) =>
        invalid(STATUS.child("nominatedNodeName"), nominated, msg),
      ),
    );
  }
  if (str(status.qosClass) !== str(oldStatus.qosClass)) {
    errs.push(invalid(STATUS.child("qosClass"), str(status.qosClass), FIELD_IMMUTABLE_ERROR_MSG));
  }
  const restartPolicy = str(oldSpec.restartPolicy);
  errs.push(
    ...validateStateTransition(
      list<ContainerStatus>(status.containerStatuses),
      list<ContainerStatus>(oldStatus.containerStatuses),
      STATUS.child("containerStatuses"),
      restartPolicy,
    ),
  );
  const sidecars = new Set(
    list<Container>(oldSpec.initContainers)
      .filter((c) => ptr(c.restartPolicy) === "Always")
      .map((c) => str(c.name)),
  );
  errs.push(
    ...validateStateTransition(
      list<ContainerStatus>(status.initContainerStatuses),
      list<ContainerStatus>(oldStatus.initContainerStatuses),
      STATUS.child("initContainerStatuses"),
      restartPolicy,
      (name) => sidecars.has(name),
    ),
  );
  errs.push(
    ...validateStateTransition(
      list<ContainerStatus>(status.ephemeralContainerStatuses),
      list<ContainerStatus>(oldStatus.ephemeralContainerStatuses),
      STATUS.child("ephemeralContainerStatuses"),
      "Never",
    ),
  );
  errs.push(...validateIps(list<PodIP>(status.podIPs), STATUS.child("podIPs")));
  const hostIPs = list<PodIP>(status.hostIPs);
  if (hostIPs.length > 0) {
    const first = str(hostIPs[0]?.ip);
    if (str(status.hostIP) !== first) {
      errs.push(invalid(STATUS.child("hostIPs").index(0).child("ip"), first, "must be equal to `hostIP`"));
    }
    errs.push(...validateIps(hostIPs, STATUS.child("hostIPs")));
  }
  return errs;
}
