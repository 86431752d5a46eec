// Which requests the masters approve on their own (Kubernetes' csrapproving controller, without the
// SubjectAccessReview round trip: the roles are fixed, so the check is a rule on the requester): kubelet
// client certificates for a node, asked for by a joining node (bootstrap token) or by that node itself.
// Everything else waits for `kubectl certificate approve`.
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import { parseRequest, type RequestedSubject, requestedSubject } from "./request.js";
import {
  BOOTSTRAPPERS_GROUP,
  CLIENT_USAGES,
  KUBELET_CLIENT_SIGNER,
  NODE_USER_PREFIX,
  NODES_GROUP,
} from "./signers.js";

/** Why a request is not a node client certificate request, or undefined when it is one. */
export function kubeletClientProblem(
  subject: RequestedSubject,
  usages: readonly string[],
): string | undefined {
  const node = subject.commonName.startsWith(NODE_USER_PREFIX)
    ? subject.commonName.slice(NODE_USER_PREFIX.length)
    : "";
  if (node === "") return `subject common name must begin with "${NODE_USER_PREFIX}"`;
  if (subject.organizations.length !== 1 || subject.organizations[0] !== NODES_GROUP) {
    return `subject organization must be exactly ["${NODES_GROUP}"]`;
  }
  if (subject.otherSubjectFields.length > 0) return "subject may only have CN and O";
  if (subject.hasSubjectAltNames) return "subject alternative names are not allowed";
  if (!usages.includes("client auth")) return `usages must include "client auth"`;
  const extra = usages.filter((u) => !CLIENT_USAGES.includes(u));
  if (extra.length > 0) return `usages not allowed: ${extra.join(", ")}`;
  return undefined;
}

export function hasCondition(csr: CertificateSigningRequest, type: string): boolean {
  return (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");
}

/** True when the masters approve this request themselves. */
export function shouldAutoApprove(csr: CertificateSigningRequest): boolean {
  const spec = csr.spec;
  if (spec?.signerName !== KUBELET_CLIENT_SIGNER) return false;
  if (hasCondition(csr, "Approved") || hasCondition(csr, "Denied") || hasCondition(csr, "Failed"))
    return false;
  let subject: RequestedSubject;
  try {
    subject = requestedSubject(parseRequest(spec.request));
  } catch {
    return false;
  }
  if (kubeletClientProblem(subject, spec.usages ?? []) !== undefined) return false;
  const groups = spec.groups ?? [];
  if (groups.includes(BOOTSTRAPPERS_GROUP)) return true;
  // Renewal: the node asks for its own name again.
  return spec.username === subject.commonName && groups.includes(NODES_GROUP);
}
