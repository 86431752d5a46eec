import type { LabelSelector, ObjectMeta } from "kubernetes-types/meta/v1.js";
import { badRequest } from "../errors.js";
import { fromLabelSelector, SelectorError } from "../selectors/index.js";

// The autoscaling/v1 Scale view of a Deployment or ReplicaSet (the /scale subresource): spec.replicas,
// status.replicas and the selector as label selector text (what HPAs and `kubectl scale` read), with the
// owner's identity and resourceVersion so updates through the Scale keep optimistic concurrency.

export interface Scale {
  apiVersion: "autoscaling/v1";
  kind: "Scale";
  metadata: ObjectMeta;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

/** What toScale reads and applyScale writes: a Deployment, ReplicaSet or anything shaped like them. */
export interface Scalable {
  metadata?: ObjectMeta;
  spec?: { replicas?: number; selector?: LabelSelector };
  status?: { replicas?: number };
}

/** spec.selector as label selector text ("app=web,tier in (a,b)"); 400 if the selector is invalid. */
export function scaleSelector(obj: Scalable): string {
  try {
    return fromLabelSelector(obj.spec?.selector).toString();
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

function identity(meta: ObjectMeta | undefined): ObjectMeta {
  const m = meta ?? {};
  return {
    ...(m.name === undefined ? {} : { name: m.name }),
    ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
    ...(m.uid === undefined ? {} : { uid: m.uid }),
    ...(m.resourceVersion === undefined ? {} : { resourceVersion: m.resourceVersion }),
    ...(m.creationTimestamp === undefined ? {} : { creationTimestamp: m.creationTimestamp }),
  };
}

/** The Scale of a Deployment or ReplicaSet. */
export function toScale(obj: Scalable): Scale {
  const replicas = obj.spec?.replicas ?? 0;
  const selector = scaleSelector(obj);
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata: identity(obj.metadata),
    // Go omits a zero spec.replicas and an empty selector.
    spec: replicas === 0 ? {} : { replicas },
    status: { replicas: obj.status?.replicas ?? 0, ...(selector === "" ? {} : { selector }) },
  };
}

/**
 * The object with a Scale's desired replicas applied (PUT/PATCH …/scale). The Scale's resourceVersion
 * becomes the object's, so a stale Scale conflicts like a stale object would; an empty one means an
 * unconditional update. Validation of the Scale (replicas ≥ 0) is the caller's.
 */
export function applyScale<T extends Scalable>(obj: T, scale: Pick<Scale, "metadata" | "spec">): T {
  const { resourceVersion: _stale, ...rest } = obj.metadata ?? {};
  const rv = scale.metadata?.resourceVersion;
  const metadata: ObjectMeta = rv === undefined || rv === "" ? rest : { ...rest, resourceVersion: rv };
  return { ...obj, metadata, spec: { ...obj.spec, replicas: scale.spec?.replicas ?? 0 } };
}
