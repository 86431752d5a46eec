// Kubeconfig files for kubectl: one cluster, one user, one named context (with a namespace), current-context
// set, every certificate embedded as base64 *-data so the file stands alone.
import { stringify } from "yaml";

export interface KubeconfigOptions {
  /** e.g. https://127.0.0.1:6443 */
  readonly server: string;
  readonly caPem: string;
  readonly clusterName?: string;
  /** The kubeconfig's name for the credentials (not necessarily the authenticated user name). */
  readonly user?: string;
  readonly contextName?: string;
  readonly namespace?: string;
}

export interface CertificateCredentials {
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

export interface TokenCredentials {
  readonly token: string;
}

export const DEFAULT_CLUSTER_NAME = "tskube";
export const DEFAULT_ADMIN_USER = "tskube-admin";

/** The admin kubeconfig `tskube kubeconfig` prints: client-certificate credentials. */
export function adminKubeconfig(options: KubeconfigOptions & CertificateCredentials): string {
  return kubeconfig(options, options);
}

/** Any kubeconfig: certificate or bearer-token credentials (a view token, a node's bootstrap token). */
export function kubeconfig(
  options: KubeconfigOptions,
  credentials: CertificateCredentials | TokenCredentials,
): string {
  const clusterName = options.clusterName ?? DEFAULT_CLUSTER_NAME;
  const user = options.user ?? DEFAULT_ADMIN_USER;
  const contextName = options.contextName ?? `${user}@${clusterName}`;
  const userEntry =
    "token" in credentials
      ? { token: credentials.token }
      : {
          "client-certificate-data": base64(credentials.clientCertPem),
          "client-key-data": base64(credentials.clientKeyPem),
        };
  const document = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: clusterName,
        cluster: { server: options.server, "certificate-authority-data": base64(options.caPem) },
      },
    ],
    contexts: [
      {
        name: contextName,
        context: {
          cluster: clusterName,
          user,
          ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
        },
      },
    ],
    "current-context": contextName,
    preferences: {},
    users: [{ name: user, user: userEntry }],
  };
  // Long base64 lines must stay on one line; yaml would otherwise fold them.
  return stringify(document, { lineWidth: 0 });
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
