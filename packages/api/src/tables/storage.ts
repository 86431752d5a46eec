import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import type { StorageClass } from "kubernetes-types/storage/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn, wideColumn } from "./columns.js";
import type { KindPrinter, TableCell } from "./types.js";

// PersistentVolume, PersistentVolumeClaim and StorageClass printers (Kubernetes ≥ 1.29 columns, with
// VolumeAttributesClass).

const UNSET = "<unset>";
const BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
const DEFAULT_CLASS_ANNOTATIONS = [
  "storageclass.kubernetes.io/is-default-class",
  "storageclass.beta.kubernetes.io/is-default-class",
];

// GetAccessModesAsString: abbreviations in this fixed order, each at most once.
const ACCESS_MODES: readonly [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

export function accessModes(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODES.filter(([mode]) => set.has(mode))
    .map(([, short]) => short)
    .join(",");
}

function storageClassOf(
  meta: { annotations?: Record<string, string> } | undefined,
  specClass?: string,
): string {
  // The beta annotation predates spec.storageClassName and still wins when present.
  return meta?.annotations?.[BETA_CLASS_ANNOTATION] ?? specClass ?? "";
}

export const persistentVolumePrinter: KindPrinter<PersistentVolume> = {
  columns: [
    nameColumn(),
    column("Capacity"),
    column("Access Modes"),
    column("Reclaim Policy"),
    column("Status"),
    column("Claim"),
    column("StorageClass"),
    column("VolumeAttributesClass"),
    column("Reason"),
    ageColumn,
    wideColumn("VolumeMode"),
  ],
  row(pv: PersistentVolume, now: Date): TableCell[] {
    const spec = pv.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : "";
    const phase = pv.metadata?.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? "");
    return [
      pv.metadata?.name ?? "",
      spec.capacity?.storage ?? "",
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? "",
      phase,
      claim,
      storageClassOf(pv.metadata, spec.storageClassName),
      spec.volumeAttributesClassName ?? UNSET,
      pv.status?.reason ?? "",
      age(pv.metadata?.creationTimestamp, now),
      spec.volumeMode ?? UNSET,
    ];
  },
};

export const persistentVolumeClaimPrinter: KindPrinter<PersistentVolumeClaim> = {
  columns: [
    nameColumn(),
    column("Status"),
    column("Volume"),
    column("Capacity"),
    column("Access Modes"),
    column("StorageClass"),
    column("VolumeAttributesClass"),
    ageColumn,
    wideColumn("VolumeMode"),
  ],
  row(pvc: PersistentVolumeClaim, now: Date): TableCell[] {
    const spec = pvc.spec ?? {};
    const volume = spec.volumeName ?? "";
    // Capacity and modes are those of the bound volume, so they stay blank until bound.
    const bound = volume !== "";
    const phase = pvc.metadata?.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? "");
    return [
      pvc.metadata?.name ?? "",
      phase,
      volume,
      bound ? (pvc.status?.capacity?.storage ?? "") : "",
      bound ? accessModes(pvc.status?.accessModes) : "",
      storageClassOf(pvc.metadata, spec.storageClassName),
      spec.volumeAttributesClassName ?? UNSET,
      age(pvc.metadata?.creationTimestamp, now),
      spec.volumeMode ?? UNSET,
    ];
  },
};

export const storageClassPrinter: KindPrinter<StorageClass> = {
  columns: [
    nameColumn(),
    column("Provisioner"),
    column("ReclaimPolicy"),
    column("VolumeBindingMode"),
    column("AllowVolumeExpansion"),
    ageColumn,
  ],
  row(sc: StorageClass, now: Date): TableCell[] {
    const annotations = sc.metadata?.annotations ?? {};
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === "true");
    const name = sc.metadata?.name ?? "";
    return [
      isDefault ? `${name} (default)` : name,
      sc.provisioner,
      sc.reclaimPolicy ?? "Delete",
      sc.volumeBindingMode ?? "Immediate",
      sc.allowVolumeExpansion ?? false,
      age(sc.metadata?.creationTimestamp, now),
    ];
  },
};
