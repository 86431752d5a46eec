// Which validator serves which (group, kind). Kinds not listed get metadata validation only.
import { certificateSigningRequestValidator } from "./certificate-signing-request.js";
import { configMapValidator } from "./config-map.js";
import { daemonSetValidator } from "./daemon-set.js";
import { deploymentValidator } from "./deployment.js";
import { endpointSliceValidator } from "./endpoint-slice.js";
import { endpointsValidator } from "./endpoints.js";
import { eventValidator } from "./event.js";
import { horizontalPodAutoscalerValidator } from "./horizontal-pod-autoscaler.js";
import type { KindValidator } from "./kind-validator.js";
import { leaseValidator } from "./lease.js";
import { namespaceValidator } from "./namespace.js";
import { nodeValidator } from "./node.js";
import { persistentVolumeValidator } from "./persistent-volume.js";
import { persistentVolumeClaimValidator } from "./persistent-volume-claim.js";
import { podValidator } from "./pod.js";
import { replicaSetValidator } from "./replica-set.js";
import { scaleValidator } from "./scale.js";
import { secretValidator } from "./secret.js";
import { serviceValidator } from "./service.js";
import { storageClassValidator } from "./storage-class.js";

const VALIDATORS: ReadonlyMap<string, KindValidator> = new Map([
  ["/Namespace", namespaceValidator],
  ["/Pod", podValidator],
  ["/Service", serviceValidator],
  ["/Endpoints", endpointsValidator],
  ["/Node", nodeValidator],
  ["/ConfigMap", configMapValidator],
  ["/Secret", secretValidator],
  ["/PersistentVolume", persistentVolumeValidator],
  ["/PersistentVolumeClaim", persistentVolumeClaimValidator],
  ["/Event", eventValidator],
  ["apps/Deployment", deploymentValidator],
  ["apps/ReplicaSet", replicaSetValidator],
  ["apps/DaemonSet", daemonSetValidator],
  ["autoscaling/HorizontalPodAutoscaler", horizontalPodAutoscalerValidator],
  ["autoscaling/Scale", scaleValidator],
  ["discovery.k8s.io/EndpointSlice", endpointSliceValidator],
  ["coordination.k8s.io/Lease", leaseValidator],
  ["storage.k8s.io/StorageClass", storageClassValidator],
  ["certificates.k8s.io/CertificateSigningRequest", certificateSigningRequestValidator],
]);

/** The validator of a kind, or undefined when only its metadata is validated. */
export function validatorFor(group: string, kind: string): KindValidator | undefined {
  return VALIDATORS.get(`${group}/${kind}`);
}

/** The (group, kind) pairs with kind-specific validation. */
export function validatedKinds(): { group: string; kind: string }[] {
  return [...VALIDATORS.keys()].map((key) => {
    const i = key.indexOf("/");
    return { group: key.slice(0, i), kind: key.slice(i + 1) };
  });
}
