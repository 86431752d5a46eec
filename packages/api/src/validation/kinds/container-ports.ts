// containers[*].ports: names are IANA service names unique within the container, containerPort is
// required, hostPort optional, protocol one of TCP/UDP/SCTP; host ports may not collide across containers.
import type { Container, ContainerPort } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isValidPortName, isValidPortNum } from "../ports.js";
import { list, num, str } from "./read.js";

export const SUPPORTED_PROTOCOLS = ["SCTP", "TCP", "UDP"];

export function validateProtocol(protocol: string, path: FieldPath): FieldError[] {
  if (protocol === "") return [required(path)];
  return SUPPORTED_PROTOCOLS.includes(protocol) ? [] : [notSupported(path, protocol, SUPPORTED_PROTOCOLS)];
}

export function validateContainerPorts(ports: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list<ContainerPort>(ports).forEach((port, i) => {
    const p = path.index(i);
    const name = str(port.name);
    if (name !== "") {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...msgs.map((msg) => invalid(p.child("name"), name, msg)));
      else if (names.has(name)) errs.push(duplicate(p.child("name"), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort);
    if (containerPort === 0) errs.push(required(p.child("containerPort")));
    else
      errs.push(
        ...isValidPortNum(containerPort).map((msg) => invalid(p.child("containerPort"), containerPort, msg)),
      );
    const hostPort = num(port.hostPort);
    if (hostPort !== 0) {
      errs.push(...isValidPortNum(hostPort).map((msg) => invalid(p.child("hostPort"), hostPort, msg)));
    }
    errs.push(...validateProtocol(str(port.protocol), p.child("protocol")));
  });
  return errs;
}

/** AccumulateUniqueHostPorts over `containers` (their index path is `path`), keyed protocol/hostIP/port. */
export function checkHostPortConflicts(containers: readonly Container[], path: FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    list<ContainerPort>(c.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort);
      if (hostPort === 0) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`;
      if (seen.has(key)) {
        errs.push(duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
      } else {
        seen.add(key);
      }
    });
  });
  return errs;
}
