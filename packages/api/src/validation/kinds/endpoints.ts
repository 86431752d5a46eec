// core/v1 Endpoints (ValidateEndpoints): every subset has addresses, addresses are routable IPs, ports are
// named when there are several.
import type { EndpointAddress, EndpointPort, EndpointSubset } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { validateIp, validateNonSpecialIp } from "../ip.js";
import { isQualifiedName } from "../labels.js";
import { isDns1123Label, nameIsDnsSubdomain } from "../names.js";
import { isValidPortNum } from "../ports.js";
import { validateProtocol } from "./container-ports.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, num, ptr, str } from "./read.js";

const ENDPOINTS_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;

function validateAddress(address: EndpointAddress, path: FieldPath): FieldError[] {
  const ip = str(address.ip);
  const errs = validateIp(path.child("ip"), ip);
  const hostname = str(address.hostname);
  if (hostname !== "")
    errs.push(...isDns1123Label(hostname).map((msg) => invalid(path.child("hostname"), hostname, msg)));
  const nodeName = ptr(address.nodeName);
  if (nodeName !== undefined) {
    errs.push(
      ...nameIsDnsSubdomain(nodeName, false).map((msg) => invalid(path.child("nodeName"), nodeName, msg)),
    );
  }
  errs.push(...validateNonSpecialIp(ip, path.child("ip")));
  return errs;
}

function validatePort(port: EndpointPort, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port.name);
  if (requireName && name === "") errs.push(required(path.child("name")));
  else if (name !== "")
    errs.push(...isDns1123Label(name).map((msg) => invalid(path.child("name"), name, msg)));
  const p = num(port.port);
  errs.push(...isValidPortNum(p).map((msg) => invalid(path.child("port"), p, msg)));
  errs.push(...validateProtocol(str(port.protocol), path.child("protocol")));
  const appProtocol = ptr(port.appProtocol);
  if (appProtocol !== undefined) {
    errs.push(
      ...isQualifiedName(appProtocol).map((msg) => invalid(path.child("appProtocol"), appProtocol, msg)),
    );
  }
  return errs;
}

function validateSubsets(obj: unknown): FieldError[] {
  const subsets = isObj(obj) ? list<EndpointSubset>(obj.subsets) : [];
  const errs: FieldError[] = [];
  subsets.forEach((ss, i) => {
    const p = root("subsets").index(i);
    const addresses = list<EndpointAddress>(ss.addresses);
    const notReady = list<EndpointAddress>(ss.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) {
      errs.push(required(p, "must specify `addresses` or `notReadyAddresses`"));
    }
    addresses.forEach((a, j) => {
      errs.push(...validateAddress(a, p.child("addresses").index(j)));
    });
    notReady.forEach((a, j) => {
      errs.push(...validateAddress(a, p.child("notReadyAddresses").index(j)));
    });
    const ports = list<EndpointPort>(ss.ports);
    ports.forEach((port, j) => {
      errs.push(...validatePort(port, ports.length > 1, p.child("ports").index(j)));
    });
  });
  return errs;
}

const create = (obj: unknown): FieldError[] => [
  ...validateObjectMeta(metaOf(obj), ENDPOINTS_META),
  ...validateSubsets(obj),
];

export const endpointsValidator: KindValidator = {
  namespaced: true,
  create,
  update: (obj, old) => [...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true), ...create(obj)],
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
};
