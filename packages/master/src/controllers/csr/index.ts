// The masters' certificate controller for certificates.k8s.io/v1 CertificateSigningRequests.
export { kubeletClientProblem, shouldAutoApprove } from "./approval.js";
export { type CsrAction, CsrController } from "./csr-controller.js";
export { parseRequest, requestedSubject, requestParseError } from "./request.js";
export * from "./signers.js";
export { DEFAULT_VALIDITY_SECONDS, SigningRefused, signRequest } from "./signing.js";
