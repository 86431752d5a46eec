// Cluster security for the API server (issue 4): the cluster CA and the certificates it issues,
// authentication (client certificates, static tokens, bootstrap tokens), authorization (fixed roles and
// NodeRestriction) with Kubernetes' 403 texts, the `kubectl auth` review answers, and kubeconfig files.
export { selfSubjectAccessReview, selfSubjectReview } from "./access-review.js";
export {
  type Decision,
  isNonResource,
  type NonResourceAttributes,
  type RequestAttributes,
  type ResourceAttributes,
} from "./attributes.js";
export {
  type AuthenticationInput,
  type Authenticator,
  type AuthenticatorSources,
  bearerToken,
  createAuthenticator,
  type PeerCertificateLike,
  userFromCertificate,
} from "./authenticate.js";
export { authorize, authorizeWithoutObjects } from "./authorize.js";
export {
  authenticateBootstrapToken,
  BOOTSTRAP_TOKEN_NAMESPACE,
  BOOTSTRAP_TOKEN_PATTERN,
  BOOTSTRAP_TOKEN_SECRET_TYPE,
  type BootstrapSecretLookup,
  type BootstrapSecretOptions,
  type BootstrapToken,
  bootstrapSecretName,
  bootstrapTokenSecret,
  formatBootstrapToken,
  generateBootstrapToken,
  parseBootstrapToken,
} from "./bootstrap-token.js";
export {
  API_SERVER_DNS_NAMES,
  API_SERVER_IPS,
  CA_COMMON_NAME,
  type CertKeyPair,
  type ClientCertOptions,
  type ClusterCa,
  createClusterCa,
  issueClientCert,
  issueServerCert,
  type ServerCertOptions,
} from "./ca.js";
export { forbiddenError, forbiddenMessage } from "./forbidden.js";
export {
  adminKubeconfig,
  type CertificateCredentials,
  DEFAULT_ADMIN_USER,
  DEFAULT_CLUSTER_NAME,
  type KubeconfigOptions,
  kubeconfig,
  type TokenCredentials,
} from "./kubeconfig.js";
export { NODE_LEASE_NAMESPACE } from "./node-restriction.js";
export { loadTokenFile, parseTokenFile, type TokenTable } from "./token-file.js";
export {
  BOOTSTRAP_USER_PREFIX,
  GROUP_AUTHENTICATED,
  GROUP_BOOTSTRAPPERS,
  GROUP_MASTERS,
  GROUP_NODES,
  GROUP_VIEW,
  NODE_USER_PREFIX,
  nodeNameOf,
  type UserInfo,
  withAuthenticatedGroup,
} from "./user-info.js";
