import type { Dns, Route } from "./netconf.js";
import { versionAtLeast } from "./versions.js";

// The ADD result in the 1.0.0 shape; older requested versions differ only by `ips[].version`.

export interface ResultInterface {
  name: string;
  mac: string;
  sandbox?: string;
}

export interface ResultIp {
  address: string;
  gateway?: string;
  interface?: number;
  version?: "4";
}

export interface CniResult {
  cniVersion: string;
  interfaces: ResultInterface[];
  ips: ResultIp[];
  routes: Route[];
  dns: Dns;
}

export function forVersion(result: CniResult, cniVersion: string): CniResult {
  if (versionAtLeast(cniVersion, "1.0.0")) return { ...result, cniVersion };
  return { ...result, cniVersion, ips: result.ips.map((ip) => ({ ...ip, version: "4" })) };
}

/** The bits of a prevResult CHECK needs, read defensively: it comes from the runtime's cache. */
export function prevAddresses(prev: unknown): string[] {
  if (typeof prev !== "object" || prev === null) return [];
  const ips = (prev as { ips?: unknown }).ips;
  if (!Array.isArray(ips)) return [];
  return ips.flatMap((ip: unknown) =>
    typeof ip === "object" && ip !== null && typeof (ip as ResultIp).address === "string"
      ? [(ip as ResultIp).address]
      : [],
  );
}

export function prevHostInterfaces(prev: unknown): string[] {
  if (typeof prev !== "object" || prev === null) return [];
  const ifs = (prev as { interfaces?: unknown }).interfaces;
  if (!Array.isArray(ifs)) return [];
  return ifs.flatMap((i: unknown) =>
    typeof i === "object" &&
    i !== null &&
    typeof (i as ResultInterface).name === "string" &&
    !(i as ResultInterface).sandbox
      ? [(i as ResultInterface).name]
      : [],
  );
}
