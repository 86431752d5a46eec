import {
  defaultConfigMap,
  defaultDaemonSet,
  defaultDeployment,
  defaultHorizontalPodAutoscaler,
  defaultNamespace,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPod,
  defaultReplicaSet,
  defaultSecret,
  defaultService,
  prepareNamespaceForCreate,
} from "@tskube/api";
import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.js";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2.js";
import type {
  ConfigMap,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Secret,
  Service,
} from "kubernetes-types/core/v1.js";
import type { ApiObject } from "../api-object.js";
import type { UserInfo } from "../api-types.js";
import { prepareCsrForCreate, prepareCsrForUpdate, validateCsrRequest } from "./csr-strategy.js";
import { podQosClass } from "./pod-qos.js";

/**
 * What differs between kinds in the generic write path (Kubernetes' per-registry "strategy"): defaulting,
 * the state a create starts from, and whether status is a separate subresource (then the main endpoint
 * ignores status changes and the status endpoint ignores everything else).
 */
export interface KindStrategy {
  /** Returns a defaulted copy. */
  readonly defaults: (obj: ApiObject) => ApiObject;
  /** Mutates a fresh copy before a create: the status a new object starts with (some kinds record the requester). */
  readonly prepareForCreate: (obj: ApiObject, user: UserInfo) => ApiObject;
  readonly statusSubresource: boolean;
  /**
   * Kinds whose subresources write more than status: builds the object to store from the client's and the
   * stored one, for the main endpoint (subresource undefined) and each subresource. Replaces the generic
   * status-subresource rule.
   */
  readonly prepareForUpdate?: (
    next: ApiObject,
    old: ApiObject,
    subresource: string | undefined,
    now: Date,
  ) => ApiObject;
  /** Checks of a new object beyond the api package's validation. */
  readonly validate?: (obj: ApiObject) => ReturnType<typeof validateCsrRequest>;
}

const identity = (obj: ApiObject): ApiObject => obj;
const as =
  <T>(f: (o: T) => T) =>
  (obj: ApiObject): ApiObject =>
    f(obj as T) as ApiObject;
const resetStatus =
  (status: Record<string, unknown> | undefined) =>
  (obj: ApiObject): ApiObject => {
    if (status === undefined) delete obj.status;
    else obj.status = structuredClone(status);
    return obj;
  };

const STRATEGIES: Record<string, KindStrategy> = {
  "/Namespace": {
    defaults: as<Namespace>(defaultNamespace),
    prepareForCreate: as<Namespace>(prepareNamespaceForCreate),
    statusSubresource: true,
  },
  "/Pod": {
    defaults: as<Pod>(defaultPod),
    prepareForCreate: (obj) => {
      obj.status = { phase: "Pending", qosClass: podQosClass(obj as Pod) };
      return obj;
    },
    statusSubresource: true,
  },
  "/Service": {
    defaults: as<Service>(defaultService),
    prepareForCreate: resetStatus({ loadBalancer: {} }),
    statusSubresource: true,
  },
  "/ConfigMap": {
    defaults: as<ConfigMap>(defaultConfigMap),
    prepareForCreate: identity,
    statusSubresource: false,
  },
  "/Secret": { defaults: as<Secret>(defaultSecret), prepareForCreate: identity, statusSubresource: false },
  "/Node": { defaults: identity, prepareForCreate: identity, statusSubresource: true },
  "/PersistentVolume": {
    defaults: as<PersistentVolume>(defaultPersistentVolume),
    prepareForCreate: resetStatus({ phase: "Pending" }),
    statusSubresource: true,
  },
  "/PersistentVolumeClaim": {
    defaults: as<PersistentVolumeClaim>(defaultPersistentVolumeClaim),
    prepareForCreate: resetStatus({ phase: "Pending" }),
    statusSubresource: true,
  },
  "apps/Deployment": {
    defaults: as<Deployment>(defaultDeployment),
    prepareForCreate: resetStatus(undefined),
    statusSubresource: true,
  },
  "apps/ReplicaSet": {
    defaults: as<ReplicaSet>(defaultReplicaSet),
    prepareForCreate: resetStatus(undefined),
    statusSubresource: true,
  },
  "apps/DaemonSet": {
    defaults: as<DaemonSet>(defaultDaemonSet),
    prepareForCreate: resetStatus(undefined),
    statusSubresource: true,
  },
  "certificates.k8s.io/CertificateSigningRequest": {
    defaults: identity,
    prepareForCreate: prepareCsrForCreate,
    statusSubresource: true,
    prepareForUpdate: prepareCsrForUpdate,
    validate: validateCsrRequest,
  },
  "autoscaling/HorizontalPodAutoscaler": {
    defaults: as<HorizontalPodAutoscaler>(defaultHorizontalPodAutoscaler),
    prepareForCreate: resetStatus(undefined),
    statusSubresource: true,
  },
};

const PLAIN: KindStrategy = { defaults: identity, prepareForCreate: identity, statusSubresource: false };

export function strategyFor(group: string, kind: string): KindStrategy {
  return STRATEGIES[`${group}/${kind}`] ?? PLAIN;
}
