// A schema literal of the shape packages/api/src/schema/ provides, for the kinds the apply tests use.
import type { FieldSchema } from "../src/schema/index.js";

const scalar: FieldSchema = {};

export const objectMeta: FieldSchema = {
  fields: {
    name: scalar,
    namespace: scalar,
    uid: scalar,
    resourceVersion: scalar,
    generation: scalar,
    creationTimestamp: scalar,
    labels: { values: scalar },
    annotations: { values: scalar },
    finalizers: { items: scalar, listType: "set" },
    managedFields: { items: scalar },
  },
};

const container: FieldSchema = {
  fields: {
    name: scalar,
    image: scalar,
    imagePullPolicy: scalar,
    args: { items: scalar },
    ports: {
      items: { fields: { containerPort: scalar, protocol: scalar, name: scalar } },
      listType: "map",
      listMapKeys: ["containerPort", "protocol"],
    },
    env: {
      items: { fields: { name: scalar, value: scalar } },
      listType: "map",
      listMapKeys: ["name"],
    },
    resources: { fields: { limits: { values: scalar }, requests: { values: scalar } } },
  },
};

const podSpec: FieldSchema = {
  fields: {
    containers: { items: container, listType: "map", listMapKeys: ["name"] },
    restartPolicy: scalar,
    // No list type, but the "merge" patch strategy: Kubernetes treats it as keyed by the merge key.
    imagePullSecrets: { items: { fields: { name: scalar } }, patchStrategy: "merge", patchMergeKey: "name" },
  },
};

export const deploymentSchema: FieldSchema = {
  fields: {
    apiVersion: scalar,
    kind: scalar,
    metadata: objectMeta,
    spec: {
      fields: {
        replicas: scalar,
        selector: { fields: { matchLabels: { values: scalar } }, mapType: "atomic" },
        strategy: {
          fields: { type: scalar, rollingUpdate: { fields: { maxSurge: scalar, maxUnavailable: scalar } } },
        },
        template: { fields: { metadata: objectMeta, spec: podSpec } },
      },
    },
    status: { fields: { replicas: scalar, readyReplicas: scalar } },
  },
};

export const configMapSchema: FieldSchema = {
  fields: { apiVersion: scalar, kind: scalar, metadata: objectMeta, data: { values: scalar } },
};

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The deployment of research/kubectl.md's apply runs: one nginx container, env A and B, port 80. */
export function webDeployment(
  overrides: { image?: string; env?: object[]; ports?: object[]; replicas?: number } = {},
) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web" } },
    spec: {
      replicas: overrides.replicas ?? 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: overrides.image ?? "nginx:1.25",
              ports: overrides.ports ?? [{ containerPort: 80 }],
              env: overrides.env ?? [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
            },
          ],
        },
      },
    },
  };
}

/** What the API server adds around an apply: identity and defaults (which nobody owns). */
export function stored<T extends object>(obj: T, uid = "uid-1"): T {
  const copy = structuredClone(obj) as T & {
    metadata: Record<string, unknown>;
    spec?: Record<string, unknown>;
  };
  copy.metadata.uid = uid;
  copy.metadata.resourceVersion = "1";
  copy.metadata.creationTimestamp = "2025-01-01T00:00:00Z";
  return copy;
}

/** The value at a dotted path ("spec.template.spec.containers.0.image"), for assertions. */
export function at(obj: object, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time?: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export function managedFields(obj: object): Entry[] {
  return (at(obj, "metadata.managedFields") as Entry[] | undefined) ?? [];
}

export function entryOf(obj: object, manager: string): Entry | undefined {
  return managedFields(obj).find((e) => e.manager === manager);
}
