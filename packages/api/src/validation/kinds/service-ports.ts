// spec.ports of a Service: named when there are several (DNS labels, unique), a port and protocol, and a
// targetPort that is a port number or an IANA service name.
import type { ServicePort } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, invalid, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isQualifiedName } from "../labels.js";
import { isDns1123Label } from "../names.js";
import { isValidPortNum } from "../ports.js";
import { validateProtocol } from "./container-ports.js";
import { validatePortNumOrName } from "./probes.js";
import { num, ptr, str } from "./read.js";

export function validateServicePort(
  port: ServicePort,
  requireName: boolean,
  names: Set<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port.name);
  if (requireName && name === "") {
    errs.push(required(path.child("name")));
  } else if (name !== "") {
    errs.push(...isDns1123Label(name).map((msg) => invalid(path.child("name"), name, msg)));
    if (names.has(name)) errs.push(duplicate(path.child("name"), name));
    else names.add(name);
  }
  const p = num(port.port);
  errs.push(...isValidPortNum(p).map((msg) => invalid(path.child("port"), p, msg)));
  errs.push(...validateProtocol(str(port.protocol), path.child("protocol")));
  errs.push(...validatePortNumOrName(port.targetPort, path.child("targetPort")));
  const appProtocol = ptr(port.appProtocol);
  if (appProtocol !== undefined) {
    errs.push(
      ...isQualifiedName(appProtocol).map((msg) => invalid(path.child("appProtocol"), appProtocol, msg)),
    );
  }
  return errs;
}
