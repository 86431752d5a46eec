// core/v1 Namespace defaults (SetDefaults_Namespace, SetDefaults_NamespaceStatus) and the create-time
// preparation the namespace registry does on top.
import type { Namespace } from "kubernetes-types/core/v1.js";
import { deepCopy } from "./copy.js";
import { isUnset } from "./unset.js";

/** Label every named namespace carries, so selectors can pick namespaces by name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
/** The finalizer that makes namespace deletion wait until its contents are gone. */
export const KUBERNETES_FINALIZER = "kubernetes";

/** A defaulted copy of a Namespace: the name label (always overwritten) and phase Active. */
export function defaultNamespace(namespace: Namespace): Namespace {
  const out = deepCopy(namespace);
  const name = out.metadata?.name;
  // A generateName-only namespace has no name yet; the label is set once it does.
  if (name !== undefined && name !== "") {
    out.metadata = { ...out.metadata, labels: { ...out.metadata?.labels, [NAMESPACE_NAME_LABEL]: name } };
  }
  const status = out.status ?? {};
  if (isUnset(status.phase)) status.phase = "Active";
  out.status = status;
  return out;
}

/**
 * A copy ready to be stored by a create: status reset to Active and the "kubernetes" finalizer appended
 * if missing. Not a default: on update users and the namespace controller may remove the finalizer.
 */
export function prepareNamespaceForCreate(namespace: Namespace): Namespace {
  const out = deepCopy(namespace);
  out.status = { phase: "Active" };
  const finalizers = out.spec?.finalizers ?? [];
  if (!finalizers.includes(KUBERNETES_FINALIZER)) {
    out.spec = { ...out.spec, finalizers: [...finalizers, KUBERNETES_FINALIZER] };
  }
  return out;
}
