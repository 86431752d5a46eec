// core/v1 Event. Only the legacy checks apply to the v1 API (the involved object's namespace agrees with
// the event's; events with an eventTime carry reporting fields); metadata then gets the API server's
// generic check, with names only restricted to what fits in a URL path.
import type { Event } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid, required } from "../field-error.js";
import { root } from "../field-path.js";
import { isQualifiedName } from "../labels.js";
import { isDns1123Subdomain, isValidPathSegmentName, type NameRule } from "../names.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { objectAs, str } from "./read.js";

// A generateName is only checked for the characters a path segment cannot hold.
const PATH_SEGMENT_NAME: NameRule = (name, prefix) =>
  prefix
    ? isValidPathSegmentName(name).filter((m) => m.startsWith("may not contain"))
    : isValidPathSegmentName(name);
const EVENT_META = { namespaced: true, nameRule: PATH_SEGMENT_NAME, kubeFinalizers: false } as const;
const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

function legacyValidateEvent(event: Event): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = str(metaOf(event).namespace);
  const involvedNamespace = str(event.involvedObject?.namespace);
  const mismatch = (): FieldError =>
    invalid(root("involvedObject", "namespace"), involvedNamespace, "does not match event.namespace");
  if (str(event.eventTime) === "") {
    if (involvedNamespace === "") {
      // Old clients may file namespace-less objects' events in "default".
      if (namespace !== "" && namespace !== "default") errs.push(mismatch());
    } else if (namespace !== involvedNamespace) {
      errs.push(mismatch());
    }
  } else {
    if (involvedNamespace === "" && namespace !== "default" && namespace !== "kube-system")
      errs.push(mismatch());
    const controller = str(event.reportingComponent);
    if (controller === "") errs.push(required(root("reportingController")));
    errs.push(
      ...isQualifiedName(controller).map((msg) => invalid(root("reportingController"), controller, msg)),
    );
    for (const [field, value] of [
      ["reportingInstance", str(event.reportingInstance)],
      ["action", str(event.action)],
      ["reason", str(event.reason)],
    ] as const) {
      if (value === "") errs.push(required(root(field)));
      if (value.length > LIMITS[field])
        errs.push(invalid(root(field), "", `can have at most ${LIMITS[field]} characters`));
    }
    if (str(event.message).length > LIMITS.message) {
      errs.push(invalid(root("message"), "", `can have at most ${LIMITS.message} characters`));
    }
  }
  errs.push(...isDns1123Subdomain(namespace).map((msg) => invalid(root("namespace"), namespace, msg)));
  return errs;
}

function eventOf(obj: unknown): Event {
  return objectAs<Event>(obj);
}

/** The generic metadata check runs only once the kind's own validation passed, as in the API server. */
function create(obj: unknown): FieldError[] {
  const errs = legacyValidateEvent(eventOf(obj));
  return errs.length > 0 ? errs : validateObjectMeta(metaOf(obj), EVENT_META);
}

export const eventValidator: KindValidator = {
  namespaced: true,
  create,
  update: (obj, old) => [
    ...validateObjectMeta(metaOf(obj), EVENT_META),
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), false),
    ...legacyValidateEvent(eventOf(obj)),
  ],
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), false),
};
