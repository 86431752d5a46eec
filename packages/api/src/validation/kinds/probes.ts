// Probes and lifecycle hooks: exactly one handler, ports as numbers or IANA names, non-negative timings.
import type { Lifecycle, LifecycleHandler, Probe } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { regexError } from "../messages.js";
import { validateNonnegative } from "../numbers.js";
import { isValidPortName, isValidPortNum } from "../ports.js";
import { isObj, list, num, present, ptr, str } from "./read.js";

const HTTP_SCHEMES = ["HTTP", "HTTPS"];
const HEADER_NAME_FMT = "[-A-Za-z0-9]+";
const headerName = new RegExp(`^${HEADER_NAME_FMT}$`);

/** ValidatePortNumOrName: an IntOrString port, a number in 1..65535 or an IANA service name. */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === "string") return isValidPortName(port).map((msg) => invalid(path, port, msg));
  return isValidPortNum(0).map((msg) => invalid(path, 0, msg));
}

type Handler = Record<string, unknown>;

function validateHandlerAction(
  kind: string,
  action: Handler,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  switch (kind) {
    case "exec":
      return list(action.command).length === 0 ? [required(path.child("command"))] : [];
    case "httpGet": {
      const errs: FieldError[] = [];
      if (str(action.path) === "") errs.push(required(path.child("path")));
      errs.push(...validatePortNumOrName(action.port, path.child("port")));
      const scheme = str(action.scheme);
      if (!HTTP_SCHEMES.includes(scheme)) errs.push(notSupported(path.child("scheme"), scheme, HTTP_SCHEMES));
      for (const header of list<Handler>(action.httpHeaders)) {
        const name = str(header.name);
        if (!headerName.test(name)) {
          errs.push(
            invalid(
              path.child("httpHeaders"),
              name,
              regexError(
                "a valid HTTP header must consist of alphanumeric characters or '-'",
                HEADER_NAME_FMT,
                "X-Header-Name",
              ),
            ),
          );
        }
      }
      return errs;
    }
    case "tcpSocket":
      return validatePortNumOrName(action.port, path.child("port"));
    case "grpc":
      return validatePortNumOrName(num(action.port), path.child("port"));
    case "sleep": {
      const seconds = num(action.seconds);
      if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
        return [
          invalid(
            path,
            seconds,
            `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
          ),
        ];
      }
      return [];
    }
    default:
      return [];
  }
}

/** validateHandler: the first handler counts; any further one is forbidden. */
function validateHandler(
  handler: Handler,
  kinds: readonly string[],
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = handler[kind];
    if (!isObj(action)) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(kind), "may not specify more than 1 handler type"));
      continue;
    }
    count++;
    errs.push(...validateHandlerAction(kind, action, gracePeriod, path.child(kind)));
  }
  if (count === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"];
const LIFECYCLE_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"];

export type ProbeKind = "livenessProbe" | "readinessProbe" | "startupProbe";

export function validateProbe(
  probe: Probe | undefined | null,
  kind: ProbeKind,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  if (!present(probe)) return [];
  const errs = validateHandler(probe as unknown as Handler, PROBE_HANDLERS, gracePeriod, path);
  for (const field of [
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
  ] as const) {
    errs.push(...validateNonnegative(num(probe[field]), path.child(field)));
  }
  const tgps = ptr(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) {
    errs.push(invalid(path.child("terminationGracePeriodSeconds"), tgps, "must be greater than 0"));
  }
  if (kind === "readinessProbe" && tgps !== undefined) {
    errs.push(
      invalid(path.child("terminationGracePeriodSeconds"), tgps, "must not be set for readinessProbes"),
    );
  }
  if (kind !== "readinessProbe" && num(probe.successThreshold) !== 1) {
    errs.push(invalid(path.child("successThreshold"), num(probe.successThreshold), "must be 1"));
  }
  return errs;
}

export function validateLifecycle(
  lifecycle: Lifecycle | undefined | null,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  if (!present(lifecycle)) return [];
  const errs: FieldError[] = [];
  for (const hook of ["postStart", "preStop"] as const) {
    const handler = lifecycle[hook] as LifecycleHandler | undefined;
    if (present(handler)) {
      errs.push(
        ...validateHandler(handler as unknown as Handler, LIFECYCLE_HANDLERS, gracePeriod, path.child(hook)),
      );
    }
  }
  return errs;
}
