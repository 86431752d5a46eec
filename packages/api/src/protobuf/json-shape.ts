// Where the protobuf shape of an object differs from its JSON shape. The proto field names are the JSON
// names except where listed here; found by comparing every field of proto/k8s/ with the Kubernetes JSON
// types (kubernetes-types), and each case checked against the Go struct tags.

/**
 * Go structs embedded with `json:",inline"`: one proto field holds them, but in JSON their fields sit in
 * the parent object. All are value (non-pointer) structs, so Go always encodes them, even when empty.
 */
const INLINE = new Set([
  "k8s.io.api.core.v1.Volume.volumeSource",
  "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
  "k8s.io.api.core.v1.Probe.handler",
  "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
  "k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference",
  "k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference",
  "k8s.io.api.core.v1.ConfigMapProjection.localObjectReference",
  "k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference",
  "k8s.io.api.core.v1.SecretEnvSource.localObjectReference",
  "k8s.io.api.core.v1.SecretKeySelector.localObjectReference",
  "k8s.io.api.core.v1.SecretProjection.localObjectReference",
  "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
]);

/** Proto field names whose JSON name differs (the Go struct tag names them differently). */
const RENAMED: ReadonlyMap<string, string> = new Map([
  ["k8s.io.api.authentication.v1.BoundObjectReference.uID", "uid"],
]);

/** `typeFullName` is protobufjs' form, with a leading dot. */
export function isInline(typeFullName: string, fieldName: string): boolean {
  return INLINE.has(`${typeFullName.slice(1)}.${fieldName}`);
}

export function jsonName(typeFullName: string, fieldName: string): string {
  return RENAMED.get(`${typeFullName.slice(1)}.${fieldName}`) ?? fieldName;
}

/** Messages whose JSON form is not an object of their fields (Go types with their own JSON marshalling). */
export type SpecialType = "time" | "microTime" | "intOrString" | "quantity" | "fieldsV1" | "stringList";

const SPECIAL: ReadonlyMap<string, SpecialType> = new Map<string, SpecialType>([
  [".k8s.io.apimachinery.pkg.apis.meta.v1.Time", "time"],
  [".k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime", "microTime"],
  [".k8s.io.apimachinery.pkg.util.intstr.IntOrString", "intOrString"],
  [".k8s.io.apimachinery.pkg.api.resource.Quantity", "quantity"],
  [".k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1", "fieldsV1"],
  // Go `type ExtraValue []string`: a JSON array, wrapped in a message only because proto maps need one.
  [".k8s.io.api.authentication.v1.ExtraValue", "stringList"],
  [".k8s.io.api.certificates.v1.ExtraValue", "stringList"],
]);

export function specialType(typeFullName: string): SpecialType | undefined {
  return SPECIAL.get(typeFullName);
}
