// The signer names and condition vocabulary of certificates.k8s.io/v1 this control plane acts on.

/** Node client certificates (the agent's identity): auto-approved under the rules in approval.ts. */
export const KUBELET_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
/** Any client certificate for the API server: approved only by an admin. */
export const API_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";
export const SIGNED_SIGNERS: readonly string[] = [KUBELET_CLIENT_SIGNER, API_CLIENT_SIGNER];

export const NODE_USER_PREFIX = "system:node:";
export const NODES_GROUP = "system:nodes";
export const BOOTSTRAPPERS_GROUP = "system:bootstrappers";

/** Usages a client certificate may carry; "client auth" is required among them. */
export const CLIENT_USAGES: readonly string[] = ["digital signature", "key encipherment", "client auth"];

export const AUTO_APPROVE_REASON = "AutoApproved";
export const AUTO_APPROVE_MESSAGE = "Auto approving kubelet client certificate after SubjectAccessReview.";
export const SIGNER_FAILURE_REASON = "SignerValidationFailure";
