import { describe, expect, it } from "vitest";
import { type FieldSchema, schemaFor } from "../src/schema/index.js";

/** Follows dotted field names; "[]" steps into list items, "*" into map values. */
function at(schema: FieldSchema | undefined, path: string): FieldSchema {
  let s = schema;
  for (const step of path.split(".")) {
    if (step === "[]") s = s?.items;
    else if (step === "*") s = s?.values;
    else s = s?.fields?.[step];
    if (s === undefined) throw new Error(`no schema at ${path} (${step})`);
  }
  if (s === undefined) throw new Error(`no schema at ${path}`);
  return s;
}

const KINDS: ReadonlyArray<[string, string]> = [
  ["", "Namespace"],
  ["", "Pod"],
  ["", "Service"],
  ["", "Endpoints"],
  ["", "Node"],
  ["", "ConfigMap"],
  ["", "Secret"],
  ["", "PersistentVolume"],
  ["", "PersistentVolumeClaim"],
  ["", "Event"],
  ["apps", "Deployment"],
  ["apps", "ReplicaSet"],
  ["apps", "DaemonSet"],
  ["autoscaling", "HorizontalPodAutoscaler"],
  ["autoscaling", "Scale"],
  ["discovery.k8s.io", "EndpointSlice"],
  ["coordination.k8s.io", "Lease"],
  ["storage.k8s.io", "StorageClass"],
];

/** Every schema node reachable from `schema`, with its path. */
function walk(schema: FieldSchema, path = ""): Array<[string, FieldSchema]> {
  const out: Array<[string, FieldSchema]> = [[path, schema]];
  for (const [name, child] of Object.entries(schema.fields ?? {}))
    out.push(...walk(child, `${path}.${name}`));
  if (schema.items !== undefined) out.push(...walk(schema.items, `${path}[]`));
  if (schema.values !== undefined) out.push(...walk(schema.values, `${path}*`));
  return out;
}

describe("schemaFor", () => {
  it("has a schema with ObjectMeta for every served kind", () => {
    for (const [group, kind] of KINDS) {
      const s = schemaFor(group, kind);
      expect(s, `${group}/${kind}`).toBeDefined();
      expect(at(s, "metadata.ownerReferences").patchMergeKey, `${group}/${kind}`).toBe("uid");
    }
  });

  it("knows nothing of other kinds or of kinds in the wrong group", () => {
    expect(schemaFor("", "Deployment")).toBeUndefined();
    expect(schemaFor("example.com", "Widget")).toBeUndefined();
    expect(schemaFor("apps", "Pod")).toBeUndefined();
  });

  it("gives HorizontalPodAutoscaler its v1 shape only for v1", () => {
    const v1 = schemaFor("autoscaling", "HorizontalPodAutoscaler", "v1");
    const v2 = schemaFor("autoscaling", "HorizontalPodAutoscaler", "v2");
    expect(v1).not.toBe(v2);
    expect(schemaFor("autoscaling", "HorizontalPodAutoscaler")).toBe(v2);
    expect(v1?.fields?.status).toBeUndefined();
    expect(at(v2, "status.conditions")).toMatchObject({ patchMergeKey: "type", listType: "map" });
    expect(at(v2, "spec.metrics").listType).toBe("atomic");
    expect(at(v1, "spec.scaleTargetRef").mapType).toBe("atomic");
  });
});

describe("ObjectMeta", () => {
  const meta = at(schemaFor("", "ConfigMap"), "metadata");
  it("merges ownerReferences by uid and keys them by uid for SSA", () => {
    expect(at(meta, "ownerReferences")).toMatchObject({
      patchStrategy: "merge",
      patchMergeKey: "uid",
      listType: "map",
      listMapKeys: ["uid"],
    });
    expect(at(meta, "ownerReferences.[]").mapType).toBe("atomic");
  });
  it("treats finalizers as a merged primitive set and managedFields as atomic", () => {
    expect(at(meta, "finalizers")).toMatchObject({ patchStrategy: "merge", listType: "set" });
    expect(at(meta, "finalizers").patchMergeKey).toBeUndefined();
    expect(at(meta, "managedFields").listType).toBe("atomic");
  });
  it("merges labels and annotations key by key", () => {
    expect(at(meta, "labels").values).toBeDefined();
    expect(at(meta, "annotations").values).toBeDefined();
  });
});

describe("PodSpec at every depth", () => {
  const podSpecs: ReadonlyArray<[string, FieldSchema]> = [
    ["Pod", at(schemaFor("", "Pod"), "spec")],
    ["Deployment", at(schemaFor("apps", "Deployment"), "spec.template.spec")],
    ["ReplicaSet", at(schemaFor("apps", "ReplicaSet"), "spec.template.spec")],
    ["DaemonSet", at(schemaFor("apps", "DaemonSet"), "spec.template.spec")],
  ];

  it.each(podSpecs)("%s: containers, initContainers and ephemeralContainers merge by name", (_, spec) => {
    for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
      expect(at(spec, list)).toMatchObject({
        patchMergeKey: "name",
        patchStrategy: "merge",
        listMapKeys: ["name"],
      });
    }
  });

  it.each(podSpecs)("%s: container lists carry their keys", (_, spec) => {
    for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
      expect(at(spec, `${list}.[].env`)).toMatchObject({ patchMergeKey: "name", listType: "map" });
      expect(at(spec, `${list}.[].ports`)).toMatchObject({
        patchMergeKey: "containerPort",
        listType: "map",
        listMapKeys: ["containerPort", "protocol"],
      });
      expect(at(spec, `${list}.[].volumeMounts`).patchMergeKey).toBe("mountPath");
      expect(at(spec, `${list}.[].volumeDevices`).patchMergeKey).toBe("devicePath");
      expect(at(spec, `${list}.[].command`).listType).toBe("atomic");
      expect(at(spec, `${list}.[].args`).listType).toBe("atomic");
      expect(at(spec, `${list}.[].env.[].valueFrom.secretKeyRef`).mapType).toBe("atomic");
    }
  });

  it.each(podSpecs)("%s: pod-level keyed lists and atomic fields", (_, spec) => {
    expect(at(spec, "volumes")).toMatchObject({ patchMergeKey: "name", patchStrategy: "merge,retainKeys" });
    expect(at(spec, "imagePullSecrets").patchMergeKey).toBe("name");
    expect(at(spec, "hostAliases").patchMergeKey).toBe("ip");
    expect(at(spec, "topologySpreadConstraints")).toMatchObject({
      patchMergeKey: "topologyKey",
      listMapKeys: ["topologyKey", "whenUnsatisfiable"],
    });
    expect(at(spec, "schedulingGates").patchMergeKey).toBe("name");
    expect(at(spec, "resourceClaims")).toMatchObject({
      patchMergeKey: "name",
      patchStrategy: "merge,retainKeys",
    });
    expect(at(spec, "nodeSelector").mapType).toBe("atomic");
    expect(at(spec, "tolerations").listType).toBe("atomic");
    expect(at(spec, "tolerations").patchStrategy).toBeUndefined();
    expect(at(spec, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution").mapType).toBe(
      "atomic",
    );
  });

  it("templates carry ObjectMeta too", () => {
    const template = at(schemaFor("apps", "Deployment"), "spec.template");
    expect(at(template, "metadata.labels").values).toBeDefined();
    expect(at(template, "metadata.finalizers").listType).toBe("set");
  });
});

describe("kind-specific tags", () => {
  it("Deployment strategy is retainKeys and selectors are atomic", () => {
    expect(at(schemaFor("apps", "Deployment"), "spec.strategy").patchStrategy).toBe("retainKeys");
    for (const kind of ["Deployment", "ReplicaSet", "DaemonSet"]) {
      expect(at(schemaFor("apps", kind), "spec.selector").mapType).toBe("atomic");
      expect(at(schemaFor("apps", kind), "spec.selector.matchLabels").values).toBeDefined();
    }
  });

  it("Service ports merge by port but SSA keys them by port and protocol; the selector is atomic", () => {
    const svc = schemaFor("", "Service");
    expect(at(svc, "spec.ports")).toMatchObject({
      patchMergeKey: "port",
      patchStrategy: "merge",
      listType: "map",
      listMapKeys: ["port", "protocol"],
    });
    expect(at(svc, "spec.selector").mapType).toBe("atomic");
    expect(at(svc, "spec.clusterIPs").listType).toBe("atomic");
  });

  it("conditions merge by type in every status that has them", () => {
    const statuses: ReadonlyArray<[string, string]> = [
      ["", "Pod"],
      ["", "Node"],
      ["", "Namespace"],
      ["", "Service"],
      ["", "PersistentVolumeClaim"],
      ["apps", "Deployment"],
      ["apps", "ReplicaSet"],
      ["apps", "DaemonSet"],
      ["autoscaling", "HorizontalPodAutoscaler"],
    ];
    for (const [group, kind] of statuses) {
      expect(at(schemaFor(group, kind), "status.conditions"), kind).toMatchObject({
        patchMergeKey: "type",
        patchStrategy: "merge",
        listType: "map",
        listMapKeys: ["type"],
      });
    }
  });

  it("Pod status IP lists and Node lists", () => {
    const pod = schemaFor("", "Pod");
    expect(at(pod, "status.podIPs")).toMatchObject({ patchMergeKey: "ip", listType: "map" });
    expect(at(pod, "status.hostIPs")).toMatchObject({ patchMergeKey: "ip", listType: "atomic" });
    expect(at(pod, "status.containerStatuses").listType).toBe("atomic");
    const node = schemaFor("", "Node");
    expect(at(node, "spec.podCIDRs")).toMatchObject({ patchStrategy: "merge", listType: "set" });
    expect(at(node, "spec.taints").listType).toBe("atomic");
    expect(at(node, "status.addresses").patchMergeKey).toBe("type");
  });

  it("maps of data merge key by key", () => {
    expect(at(schemaFor("", "ConfigMap"), "data").values).toBeDefined();
    expect(at(schemaFor("", "Secret"), "stringData").values).toBeDefined();
    expect(at(schemaFor("storage.k8s.io", "StorageClass"), "parameters").values).toBeDefined();
    expect(at(schemaFor("", "Namespace"), "spec.finalizers").listType).toBe("atomic");
  });
});

describe("schema consistency", () => {
  it("every keyed list names its keys, and SMP's merge key is one of them", () => {
    let keyed = 0;
    for (const [group, kind] of KINDS) {
      for (const [path, node] of walk(schemaFor(group, kind) as FieldSchema, `${group}/${kind}`)) {
        if (node.listType === "map") {
          keyed++;
          expect(node.listMapKeys?.length, path).toBeGreaterThan(0);
          if (node.patchMergeKey !== undefined) expect(node.listMapKeys, path).toContain(node.patchMergeKey);
          expect(node.items, path).toBeDefined();
        }
        if (node.patchMergeKey !== undefined) expect(node.patchStrategy, path).toContain("merge");
        if (node.listMapKeys !== undefined) expect(node.listType, path).toBe("map");
      }
    }
    expect(keyed).toBeGreaterThan(50);
  });
});
