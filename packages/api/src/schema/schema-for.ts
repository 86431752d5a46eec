import { horizontalPodAutoscalerV1, horizontalPodAutoscalerV2, scale } from "./autoscaling.js";
import { certificateSigningRequest } from "./certificates.js";
import { configMap, secret } from "./config.js";
import { endpointSlice, endpoints } from "./endpoints.js";
import { coreEvent, eventsEvent } from "./event.js";
import type { FieldSchema } from "./field-schema.js";
import { lease } from "./lease.js";
import { namespace } from "./namespace.js";
import { node } from "./node.js";
import { pod } from "./pod.js";
import { service } from "./service.js";
import { persistentVolume, persistentVolumeClaim, storageClass } from "./storage.js";
import { daemonSet, deployment, replicaSet } from "./workloads.js";

// "group/Kind" → schema; the core group is "". Only HPA changes shape between served versions.
const byGroupKind: ReadonlyMap<string, FieldSchema> = new Map([
  ["/Namespace", namespace],
  ["/Pod", pod],
  ["/Service", service],
  ["/Endpoints", endpoints],
  ["/Node", node],
  ["/ConfigMap", configMap],
  ["/Secret", secret],
  ["/PersistentVolume", persistentVolume],
  ["/PersistentVolumeClaim", persistentVolumeClaim],
  ["/Event", coreEvent],
  ["events.k8s.io/Event", eventsEvent],
  ["apps/Deployment", deployment],
  ["apps/ReplicaSet", replicaSet],
  ["apps/DaemonSet", daemonSet],
  ["autoscaling/HorizontalPodAutoscaler", horizontalPodAutoscalerV2],
  ["autoscaling/Scale", scale],
  ["discovery.k8s.io/EndpointSlice", endpointSlice],
  ["coordination.k8s.io/Lease", lease],
  ["storage.k8s.io/StorageClass", storageClass],
  ["certificates.k8s.io/CertificateSigningRequest", certificateSigningRequest],
]);

/**
 * The field schema of a built-in kind, or undefined for kinds without one (patches then treat every map as
 * mergeable and every list as atomic). `version` matters only for autoscaling HorizontalPodAutoscaler: "v1"
 * has the flat v1 shape, anything else (or nothing) the v2 shape the server stores.
 */
export function schemaFor(group: string, kind: string, version?: string): FieldSchema | undefined {
  if (group === "autoscaling" && kind === "HorizontalPodAutoscaler" && version === "v1") {
    return horizontalPodAutoscalerV1;
  }
  return byGroupKind.get(`${group}/${kind}`);
}
