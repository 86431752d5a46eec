import { certificateSigningRequestPrinter } from "./certificates.js";
import { configMapPrinter, secretPrinter } from "./config.js";
import { defaultPrinter } from "./default.js";
import { endpointsPrinter } from "./endpoints.js";
import { eventPrinter } from "./event.js";
import { hpaPrinter } from "./hpa.js";
import { leasePrinter } from "./lease.js";
import { namespacePrinter } from "./namespace.js";
import { nodePrinter } from "./node.js";
import { podPrinter } from "./pod.js";
import { servicePrinter } from "./service.js";
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from "./storage.js";
import type { ApiObject, KindPrinter } from "./types.js";
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from "./workloads.js";

// Printers by kind. Each is typed for its own kind; the table code only hands a printer objects of that kind.
const PRINTERS: ReadonlyMap<string, KindPrinter<ApiObject>> = new Map<string, KindPrinter<ApiObject>>([
  ["Pod", podPrinter],
  ["Deployment", deploymentPrinter],
  ["ReplicaSet", replicaSetPrinter],
  ["DaemonSet", daemonSetPrinter],
  ["Service", servicePrinter],
  ["Node", nodePrinter],
  ["Namespace", namespacePrinter],
  ["HorizontalPodAutoscaler", hpaPrinter],
  ["Event", eventPrinter],
  ["ConfigMap", configMapPrinter],
  ["Secret", secretPrinter],
  ["PersistentVolume", persistentVolumePrinter],
  ["PersistentVolumeClaim", persistentVolumeClaimPrinter],
  ["Endpoints", endpointsPrinter],
  ["Lease", leasePrinter],
  ["StorageClass", storageClassPrinter],
  ["CertificateSigningRequest", certificateSigningRequestPrinter],
]);

/** The printer of a kind (e.g. "Pod"); kinds without one get Name and Age. */
export function printerFor(kind: string): KindPrinter<ApiObject> {
  return PRINTERS.get(kind) ?? defaultPrinter;
}

/** Kinds with their own columns (everything else prints Name, Age). */
export const PRINTED_KINDS: readonly string[] = [...PRINTERS.keys()];
