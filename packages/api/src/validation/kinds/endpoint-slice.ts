// discovery.k8s.io/v1 EndpointSlice: an address type (fixed once created), endpoints whose addresses match
// it, and named, unique ports. A port without a protocol counts as TCP, its default.
import type { Endpoint, EndpointPort } from "kubernetes-types/discovery/v1.js";
import { duplicate, type FieldError, invalid, notSupported, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { validateIpv4Address, validateIpv6Address, validateNonSpecialIp } from "../ip.js";
import { isQualifiedName, validateLabels } from "../labels.js";
import { isDns1123Label, isDns1123Subdomain, nameIsDnsSubdomain } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import { SUPPORTED_PROTOCOLS } from "./container-ports.js";
import type { KindValidator } from "./kind-validator.js";
import { tooMany } from "./missing-error-types.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, ptr, str, strMap } from "./read.js";

const SLICE_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;
const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];
/** The deprecated "IP" type is still accepted on update, for slices created when it was allowed. */
const ADDRESS_TYPES_ON_UPDATE = ["FQDN", "IP", "IPv4", "IPv6"];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_ENDPOINTS = 1000;

/** IsFullyQualifiedDomainName: at least two labels, an optional trailing dot. */
function validateFqdn(path: FieldPath, name: string): FieldError[] {
  if (name === "") return [required(path)];
  const trimmed = name.endsWith(".") ? name.slice(0, -1) : name;
  const errs = isDns1123Subdomain(trimmed);
  if (errs.length > 0) return [invalid(path, trimmed, errs.join(","))];
  if (trimmed.split(".").length < 2) {
    return [invalid(path, trimmed, "should be a domain with at least two segments separated by dots")];
  }
  return [];
}

function validateEndpoints(endpoints: readonly Endpoint[], addressType: string): FieldError[] {
  const path = root("endpoints");
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany(path, endpoints.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  endpoints.forEach((endpoint, i) => {
    const p = path.index(i);
    const addresses = list<string>(endpoint.addresses);
    const addressPath = p.child("addresses");
    if (addresses.length === 0) errs.push(required(addressPath, "must contain at least 1 address"));
    else if (addresses.length > MAX_ADDRESSES)
      errs.push(tooMany(addressPath, addresses.length, MAX_ADDRESSES));
    addresses.forEach((address, j) => {
      const ap = addressPath.index(j);
      const a = str(address);
      if (addressType === "IPv4") errs.push(...validateIpv4Address(ap, a), ...validateNonSpecialIp(a, ap));
      else if (addressType === "IPv6")
        errs.push(...validateIpv6Address(ap, a), ...validateNonSpecialIp(a, ap));
      else if (addressType === "FQDN") errs.push(...validateFqdn(ap, a));
    });
    const topology = strMap((endpoint as { deprecatedTopology?: unknown }).deprecatedTopology);
    if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) {
      errs.push(tooMany(p.child("topology"), Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
    }
    errs.push(...validateLabels(topology, p.child("topology")));
    const hostname = ptr(endpoint.hostname);
    if (hostname !== undefined) {
      errs.push(...isDns1123Label(hostname).map((msg) => invalid(p.child("hostname"), hostname, msg)));
    }
  });
  return errs;
}

function validatePorts(ports: readonly EndpointPort[]): FieldError[] {
  const path = root("ports");
  if (ports.length > MAX_PORTS) return [tooMany(path, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port.name);
    if (name !== "") errs.push(...isDns1123Label(name).map((msg) => invalid(p.child("name"), name, msg)));
    if (names.has(name)) errs.push(duplicate(p.child("name"), name));
    else names.add(name);
    const protocol = ptr(port.protocol) ?? "TCP";
    if (!SUPPORTED_PROTOCOLS.includes(protocol))
      errs.push(notSupported(p.child("protocol"), protocol, SUPPORTED_PROTOCOLS));
    const appProtocol = ptr(port.appProtocol);
    if (appProtocol !== undefined) {
      errs.push(
        ...isQualifiedName(appProtocol).map((msg) => invalid(p.child("appProtocol"), appProtocol, msg)),
      );
    }
  });
  return errs;
}

function validateSlice(obj: unknown, addressTypes: readonly string[]): FieldError[] {
  const slice = isObj(obj) ? obj : {};
  const errs = validateObjectMeta(metaOf(obj), SLICE_META);
  const addressType = str(slice.addressType);
  if (addressType === "") errs.push(required(root("addressType")));
  else if (!addressTypes.includes(addressType))
    errs.push(notSupported(root("addressType"), addressType, addressTypes));
  errs.push(...validateEndpoints(list<Endpoint>(slice.endpoints), addressType));
  errs.push(...validatePorts(list<EndpointPort>(slice.ports)));
  return errs;
}

export const endpointSliceValidator: KindValidator = {
  namespaced: true,
  create: (obj) => validateSlice(obj, ADDRESS_TYPES),
  update: (obj, old) => {
    const errs = [
      ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
      ...validateSlice(obj, ADDRESS_TYPES_ON_UPDATE),
    ];
    const next = isObj(obj) ? str(obj.addressType) : "";
    const prev = isObj(old) ? str(old.addressType) : "";
    if (next !== prev) errs.push(invalid(root("addressType"), next, FIELD_IMMUTABLE_ERROR_MSG));
    return errs;
  },
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
};
