// Which message a (apiVersion, kind) pair is encoded with. Only real kinds are listed, so a body naming a
// nested type ("PodSpec") is refused as Kubernetes refuses a kind its scheme does not know. Keep in step with
// ROOTS in proto/k8s/generate.mjs: a kind listed here must have its message in proto/k8s/.

interface GroupVersion {
  readonly protoPackage: string;
  readonly kinds: readonly string[];
}

const GROUP_VERSIONS: Readonly<Record<string, GroupVersion>> = {
  v1: {
    protoPackage: "k8s.io.api.core.v1",
    kinds: [
      "Namespace",
      "ConfigMap",
      "Secret",
      "Service",
      "ServiceAccount",
      "Pod",
      "Node",
      "Event",
      "PersistentVolume",
      "PersistentVolumeClaim",
      "ResourceQuota",
    ],
  },
  "apps/v1": { protoPackage: "k8s.io.api.apps.v1", kinds: ["Deployment", "ReplicaSet", "DaemonSet"] },
  "autoscaling/v1": {
    protoPackage: "k8s.io.api.autoscaling.v1",
    kinds: ["HorizontalPodAutoscaler", "Scale"],
  },
  "autoscaling/v2": { protoPackage: "k8s.io.api.autoscaling.v2", kinds: ["HorizontalPodAutoscaler"] },
  "authorization.k8s.io/v1": {
    protoPackage: "k8s.io.api.authorization.v1",
    kinds: ["SelfSubjectAccessReview", "SelfSubjectRulesReview"],
  },
  "authentication.k8s.io/v1": {
    protoPackage: "k8s.io.api.authentication.v1",
    kinds: ["SelfSubjectReview", "TokenRequest"],
  },
  "policy/v1": { protoPackage: "k8s.io.api.policy.v1", kinds: ["Eviction", "PodDisruptionBudget"] },
  "batch/v1": { protoPackage: "k8s.io.api.batch.v1", kinds: ["Job", "CronJob"] },
  "rbac.authorization.k8s.io/v1": {
    protoPackage: "k8s.io.api.rbac.v1",
    kinds: ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
  },
  "networking.k8s.io/v1": { protoPackage: "k8s.io.api.networking.v1", kinds: ["Ingress"] },
  "scheduling.k8s.io/v1": { protoPackage: "k8s.io.api.scheduling.v1", kinds: ["PriorityClass"] },
  "certificates.k8s.io/v1": {
    protoPackage: "k8s.io.api.certificates.v1",
    kinds: ["CertificateSigningRequest"],
  },
};

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";

/**
 * The full proto message name for a kind, or undefined if this server cannot decode it.
 * DeleteOptions is registered in every group version (client-go encodes it with the version of the client
 * that sends it, e.g. "apps/v1" when deleting a Deployment), and Status is meta's unversioned "v1" type.
 */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  const gv = GROUP_VERSIONS[apiVersion];
  if (kind === "DeleteOptions" && (gv !== undefined || apiVersion === "meta.k8s.io/v1"))
    return `${META}.${kind}`;
  if (kind === "Status" && apiVersion === "v1") return `${META}.${kind}`;
  if (gv === undefined || !gv.kinds.includes(kind)) return undefined;
  return `${gv.protoPackage}.${kind}`;
}

/** Every (apiVersion, kind) with its own message (DeleteOptions once, as meta.k8s.io/v1), for tests and docs. */
export function protobufKinds(): { apiVersion: string; kind: string }[] {
  const all = Object.entries(GROUP_VERSIONS).flatMap(([apiVersion, gv]) =>
    gv.kinds.map((kind) => ({ apiVersion, kind })),
  );
  return [
    ...all,
    { apiVersion: "meta.k8s.io/v1", kind: "DeleteOptions" },
    { apiVersion: "v1", kind: "Status" },
  ];
}
