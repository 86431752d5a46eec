import { CniCode, CniError } from "./errors.js";
import { contains, formatIpv4, type Ipv4Subnet, parseIpv4, parseSubnet } from "./ipv4.js";
import { isSupportedVersion, SUPPORTED_VERSIONS } from "./versions.js";

// The netconf uses the reference bridge + host-local keys, so one JSON document drives either plugin
// and only `type` changes. What we do not implement (ipMasq, several ranges, IPv6) is refused, not ignored:
// a config that asks for masquerade must not silently get none.

export interface Route {
  dst: string;
  gw?: string;
}

export interface Dns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}

export interface IpamConf {
  subnet: Ipv4Subnet;
  rangeStart: number;
  rangeEnd: number;
  gateway: number;
  dataDir: string;
  routes: Route[];
}

export interface NetConf {
  cniVersion: string;
  name: string;
  type: string;
  bridge: string;
  isGateway: boolean;
  isDefaultGateway: boolean;
  hairpinMode: boolean;
  mtu: number;
  ipam: IpamConf;
  dns: Dns | undefined;
  prevResult: unknown;
}

export const DEFAULT_BRIDGE = "cbr0";
export const DEFAULT_DATA_DIR = "/var/lib/cni/networks";
export const DEFAULT_MTU = 1500;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
// Linux interface names: at most 15 bytes, no '/', whitespace or ':'.
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

type Json = Record<string, unknown>;

function invalid(msg: string): CniError {
  return new CniError(CniCode.InvalidConfig, msg);
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optString(o: Json, key: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalid(`"${key}" must be a string`);
  return v;
}

function optBool(o: Json, key: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== "boolean") throw invalid(`"${key}" must be true or false`);
  return v;
}

/** Parses stdin; only the version is checked first, so a future version gets code 1, not a field error. */
export function parseJson(stdin: string): Json {
  let raw: unknown;
  try {
    raw = JSON.parse(stdin);
  } catch (err) {
    throw new CniError(CniCode.DecodeFailure, "network config is not JSON", (err as Error).message);
  }
  if (!isObject(raw)) throw new CniError(CniCode.DecodeFailure, "network config must be a JSON object");
  return raw;
}

export function requestedVersion(conf: Json): string {
  const v = conf.cniVersion;
  if (typeof v !== "string" || v === "") throw invalid('"cniVersion" is required');
  if (!isSupportedVersion(v))
    throw new CniError(
      CniCode.IncompatibleVersion,
      `incompatible CNI version ${v}`,
      `supported: ${SUPPORTED_VERSIONS.join(", ")}`,
    );
  return v;
}

function ipOrThrow(text: string, key: string): number {
  const ip = parseIpv4(text);
  if (ip === undefined) throw invalid(`ipam "${key}" is not an IPv4 address: "${text}"`);
  return ip;
}

/** host-local's flat form (subnet, rangeStart…) or `ranges: [[{…}]]` with one IPv4 range. */
function parseRange(ipam: Json): Json {
  const ranges = ipam.ranges;
  if (ranges === undefined) return ipam;
  if (!Array.isArray(ranges) || ranges.length !== 1 || !Array.isArray(ranges[0]) || ranges[0].length !== 1)
    throw new CniError(
      CniCode.UnsupportedField,
      'ipam "ranges" must hold exactly one range set of one range',
    );
  const range: unknown = ranges[0][0];
  if (!isObject(range)) throw invalid('ipam "ranges" entries must be objects');
  return range;
}

function parseIpam(raw: unknown): IpamConf {
  if (!isObject(raw)) throw invalid('"ipam" is required');
  const type = optString(raw, "type");
  if (type !== "host-local")
    throw invalid(`ipam type "${type ?? ""}" is not supported: this plugin has host-local built in`);
  const range = parseRange(raw);
  const subnetText = optString(range, "subnet");
  if (subnetText === undefined) throw invalid('ipam "subnet" is required');
  const subnet = parseSubnet(subnetText);
  if (typeof subnet === "string") throw invalid(`ipam subnet: ${subnet}`);
  if (subnet.prefix > 30) throw invalid(`ipam subnet ${subnetText} is too small (at most /30)`);

  const start = optString(range, "rangeStart");
  const end = optString(range, "rangeEnd");
  const gw = optString(range, "gateway");
  const rangeStart = start === undefined ? subnet.network + 1 : ipOrThrow(start, "rangeStart");
  const rangeEnd = end === undefined ? subnet.broadcast - 1 : ipOrThrow(end, "rangeEnd");
  const gateway = gw === undefined ? subnet.network + 1 : ipOrThrow(gw, "gateway");
  for (const [key, ip] of [
    ["rangeStart", rangeStart],
    ["rangeEnd", rangeEnd],
    ["gateway", gateway],
  ] as const) {
    if (!contains(subnet, ip) || ip === subnet.network || ip === subnet.broadcast)
      throw invalid(`ipam ${key} ${formatIpv4(ip)} is not a host address of ${subnetText}`);
  }
  if (rangeStart > rangeEnd) throw invalid("ipam rangeStart is after rangeEnd");

  const routes: Route[] = [];
  const rawRoutes = raw.routes ?? [];
  if (!Array.isArray(rawRoutes)) throw invalid('ipam "routes" must be a list');
  for (const r of rawRoutes) {
    if (!isObject(r)) throw invalid("ipam routes must be objects");
    const dst = optString(r, "dst");
    if (dst === undefined || typeof parseSubnet(dst) === "string")
      throw invalid(`ipam route dst "${dst ?? ""}" is not an IPv4 CIDR`);
    const rgw = optString(r, "gw");
    if (rgw !== undefined) ipOrThrow(rgw, "routes.gw");
    routes.push(rgw === undefined ? { dst } : { dst, gw: rgw });
  }
  const dataDir = optString(raw, "dataDir") ?? DEFAULT_DATA_DIR;
  if (!dataDir.startsWith("/")) throw invalid('ipam "dataDir" must be an absolute path');
  return { subnet, rangeStart, rangeEnd, gateway, dataDir, routes };
}

function parseDns(raw: unknown): Dns | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw invalid('"dns" must be an object');
  return raw as Dns;
}

export function parseNetConf(conf: Json): NetConf {
  const cniVersion = requestedVersion(conf);
  const name = optString(conf, "name");
  // The name becomes a directory under dataDir: it must not be able to walk out of it.
  if (name === undefined || !NAME.test(name)) throw invalid('"name" must be alphanumerics, "_", "." or "-"');
  const type = optString(conf, "type");
  if (!type) throw invalid('"type" is required');
  const bridge = optString(conf, "bridge") ?? DEFAULT_BRIDGE;
  if (!IFNAME.test(bridge)) throw invalid(`bridge name "${bridge}" is not a valid interface name`);
  if (optBool(conf, "ipMasq", false))
    throw new CniError(
      CniCode.UnsupportedField,
      '"ipMasq": true is not supported yet (masquerade comes later)',
    );
  if (optBool(conf, "promiscMode", false))
    throw new CniError(CniCode.UnsupportedField, '"promiscMode" is not supported: use "hairpinMode"');
  const isDefaultGateway = optBool(conf, "isDefaultGateway", false);
  // As in the reference: a default gateway must be a gateway.
  const isGateway = optBool(conf, "isGateway", false) || isDefaultGateway;
  const mtuRaw = conf.mtu ?? DEFAULT_MTU;
  if (typeof mtuRaw !== "number" || !Number.isInteger(mtuRaw) || mtuRaw < 68 || mtuRaw > 65535)
    throw invalid('"mtu" must be a whole number between 68 and 65535');
  return {
    cniVersion,
    name,
    type,
    bridge,
    isGateway,
    isDefaultGateway,
    hairpinMode: optBool(conf, "hairpinMode", false),
    mtu: mtuRaw,
    ipam: parseIpam(conf.ipam),
    dns: parseDns(conf.dns),
    prevResult: conf.prevResult,
  };
}

export function validIfName(name: string): boolean {
  return IFNAME.test(name);
}
