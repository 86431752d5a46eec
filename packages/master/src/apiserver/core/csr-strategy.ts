// How the API server writes certificates.k8s.io/v1 CertificateSigningRequests (Kubernetes' csr strategies):
// - create: spec.username/uid/groups/extra are the requester's, whatever the client sent; status starts empty;
// - update: only metadata moves (spec and status are kept);
// - /status: only status moves, and the Approved/Denied conditions stay as they were (they belong to /approval);
// - /approval: only the conditions move; the issued certificate stays as it was.
// Condition timestamps the client left out are filled in.
import { field } from "@tskube/api";
import type {
  CertificateSigningRequest,
  CertificateSigningRequestCondition,
} from "kubernetes-types/certificates/v1.js";
import { requestParseError } from "../../controllers/csr/request.js";
import type { ApiObject } from "../api-object.js";
import type { UserInfo } from "../api-types.js";
import { timestamp } from "./object-meta.js";

type FieldError = ReturnType<typeof field.required>;
const APPROVAL_TYPES = ["Approved", "Denied"];

export function prepareCsrForCreate(obj: ApiObject, user: UserInfo): ApiObject {
  const csr = obj as unknown as CertificateSigningRequest;
  const spec = { ...csr.spec };
  delete spec.uid;
  delete spec.extra;
  spec.username = user.name;
  spec.groups = [...user.groups];
  if (user.uid !== undefined && user.uid !== "") spec.uid = user.uid;
  csr.spec = spec;
  csr.status = {};
  return obj;
}

export function prepareCsrForUpdate(
  nextObj: ApiObject,
  oldObj: ApiObject,
  subresource: string | undefined,
  now: Date,
): ApiObject {
  const next = nextObj as unknown as CertificateSigningRequest;
  const old = oldObj as unknown as CertificateSigningRequest;
  if (subresource === undefined) {
    next.spec = structuredClone(old.spec);
    next.status = structuredClone(old.status);
    return nextObj;
  }
  const out = structuredClone(old);
  // Only managedFields of the client's metadata count on a subresource write.
  if (next.metadata?.managedFields !== undefined) {
    out.metadata = { ...out.metadata, managedFields: next.metadata.managedFields };
  }
  const incoming = next.status?.conditions ?? [];
  const previous = old.status?.conditions ?? [];
  let conditions: CertificateSigningRequestCondition[];
  if (subresource === "approval") {
    conditions = incoming;
  } else {
    // /status may not touch Approved/Denied: keep the old ones, drop any the client added or changed.
    conditions = [
      ...incoming.filter((c) => !APPROVAL_TYPES.includes(c.type)),
      ...previous.filter((c) => APPROVAL_TYPES.includes(c.type)),
    ];
    const certificate = next.status?.certificate;
    out.status = { ...out.status };
    if (certificate === undefined || certificate === "") delete out.status.certificate;
    else out.status.certificate = certificate;
  }
  out.status = { ...out.status, conditions: stampConditions(conditions, previous, now) };
  if (out.status.conditions?.length === 0) delete out.status.conditions;
  return out as unknown as ApiObject;
}

function stampConditions(
  conditions: readonly CertificateSigningRequestCondition[],
  previous: readonly CertificateSigningRequestCondition[],
  now: Date,
): CertificateSigningRequestCondition[] {
  const at = timestamp(now);
  return conditions.map((c) => {
    const before = previous.find((p) => p.type === c.type);
    const transition = before !== undefined && before.status === c.status ? before.lastTransitionTime : at;
    return {
      ...c,
      lastUpdateTime: c.lastUpdateTime ?? at,
      lastTransitionTime: c.lastTransitionTime ?? transition ?? at,
    };
  });
}

/** spec.request must be a PEM CERTIFICATE REQUEST that parses (the api package has no X.509 parser). */
export function validateCsrRequest(obj: ApiObject): FieldError[] {
  const request = (obj as unknown as CertificateSigningRequest).spec?.request ?? "";
  const problem = requestParseError(request);
  if (problem === undefined) return [];
  return [field.invalid(field.root("spec").child("request"), "<request data>", problem)];
}
