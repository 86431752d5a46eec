import { LabError } from "./errors.js";

/** One lab host: a network namespace joined to the lab bridge. */
export interface LabHost {
  /** Short host name (m1, w1, …), unique within a lab. */
  readonly name: string;
  /** Its address on the lab bridge, inside the lab /24. */
  readonly address: string;
}

/** DESIGN §4: the real lab lives on 192.168.56.0/24 with the host (bridge) at .1. */
export const DEFAULT_LAB_SUBNET = "192.168.56.0/24";
export const DEFAULT_LAB_BRIDGE = "tskube0";

const MAX_MASTERS = 3;
const MAX_WORKERS = 9;

/** The network part of a /24 ("192.168.56.0/24" → "192.168.56"); only /24 labs are supported. */
export function subnetPrefix(subnet: string): string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(subnet);
  if (!match || match.slice(1).some((octet) => Number(octet) > 255)) {
    throw new LabError("BadConfig", `lab subnet must be an a.b.c.0/24 network, got ${subnet}`);
  }
  return `${match[1]}.${match[2]}.${match[3]}`;
}

/** The bridge (root namespace side) takes .1 of the lab subnet. */
export function gatewayAddress(subnet: string): string {
  return `${subnetPrefix(subnet)}.1`;
}

/** DESIGN §4 numbering: masters m1.. at .11–.13, workers w1.. at .21–.29. */
export function labHosts(masters: number, workers: number, subnet = DEFAULT_LAB_SUBNET): LabHost[] {
  if (!Number.isInteger(masters) || masters < 0 || masters > MAX_MASTERS) {
    throw new LabError("BadConfig", `masters must be 0..${MAX_MASTERS}, got ${masters}`);
  }
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    throw new LabError("BadConfig", `workers must be 0..${MAX_WORKERS}, got ${workers}`);
  }
  const prefix = subnetPrefix(subnet);
  const hosts: LabHost[] = [];
  for (let i = 1; i <= masters; i++) hosts.push({ name: `m${i}`, address: `${prefix}.${10 + i}` });
  for (let i = 1; i <= workers; i++) hosts.push({ name: `w${i}`, address: `${prefix}.${20 + i}` });
  return hosts;
}
