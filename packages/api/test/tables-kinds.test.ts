import { describe, expect, it } from "vitest";
import { type ApiObject, printerFor, type TableCell } from "../src/tables/index.js";

// One representative object per kind → the cells Kubernetes prints, in column order (wide cells included),
// and the column names with their priorities (main columns, then "|" and the priority-1 ones).

const NOW = new Date("2026-01-10T12:00:00Z");
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: "default",
  creationTimestamp: "2026-01-10T09:00:00Z",
  ...extra,
});
const template = {
  metadata: { labels: { app: "web" } },
  spec: {
    containers: [
      { name: "web", image: "nginx:1.27" },
      { name: "log", image: "busybox" },
    ],
  },
};

interface Case {
  kind: string;
  columns: string;
  object: ApiObject;
  cells: TableCell[];
}

const cases: Case[] = [
  {
    kind: "Deployment",
    columns: "Name,Ready,Up-to-date,Available,Age|Containers,Images,Selector",
    object: {
      metadata: meta("web"),
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    } as ApiObject,
    cells: ["web", "2/3", 3, 2, "3h", "web,log", "nginx:1.27,busybox", "app=web"],
  },
  {
    kind: "ReplicaSet",
    columns: "Name,Desired,Current,Ready,Age|Containers,Images,Selector",
    object: {
      metadata: meta("web-5d8f"),
      spec: {
        replicas: 2,
        selector: {
          matchLabels: { app: "web", "pod-template-hash": "5d8f" },
          matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }],
        },
        template,
      },
      status: { replicas: 2, readyReplicas: 1 },
    } as ApiObject,
    cells: [
      "web-5d8f",
      2,
      2,
      1,
      "3h",
      "web,log",
      "nginx:1.27,busybox",
      "app=web,pod-template-hash=5d8f,tier in (a,b)",
    ],
  },
  {
    kind: "DaemonSet",
    columns: "Name,Desired,Current,Ready,Up-to-date,Available,Node Selector,Age|Containers,Images,Selector",
    object: {
      metadata: meta("agent"),
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          spec: {
            nodeSelector: { "kubernetes.io/os": "linux", disk: "ssd" },
            containers: [{ name: "a", image: "agent:1" }],
          },
        },
      },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    } as ApiObject,
    cells: ["agent", 3, 3, 2, 3, 2, "disk=ssd,kubernetes.io/os=linux", "3h", "a", "agent:1", "app=agent"],
  },
  {
    kind: "Service",
    columns: "Name,Type,Cluster-IP,External-IP,Port(s),Age|Selector",
    object: {
      metadata: meta("web"),
      spec: {
        type: "NodePort",
        clusterIP: "10.96.0.10",
        selector: { app: "web" },
        ports: [
          { port: 80, nodePort: 30080, protocol: "TCP" },
          { port: 443, protocol: "TCP" },
        ],
      },
    } as ApiObject,
    cells: ["web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,443/TCP", "3h", "app=web"],
  },
  {
    kind: "Service",
    columns: "Name,Type,Cluster-IP,External-IP,Port(s),Age|Selector",
    object: {
      metadata: meta("lb"),
      spec: {
        type: "LoadBalancer",
        clusterIP: "10.96.0.11",
        ports: [{ port: 53, protocol: "UDP", nodePort: 31000 }],
      },
    } as ApiObject,
    cells: ["lb", "LoadBalancer", "10.96.0.11", "<pending>", "53:31000/UDP", "3h", "<none>"],
  },
  {
    kind: "Node",
    columns:
      "Name,Status,Roles,Age,Version|Internal-IP,External-IP,OS-Image,Kernel-Version,Container-Runtime",
    object: {
      metadata: meta("node-1", {
        namespace: undefined,
        labels: {
          "node-role.kubernetes.io/control-plane": "",
          "node-role.kubernetes.io/worker": "",
          "kubernetes.io/os": "linux",
        },
      }),
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: "Ready", status: "True" }],
        addresses: [{ type: "InternalIP", address: "192.168.1.10" }],
        nodeInfo: {
          kubeletVersion: "v1.32.0",
          osImage: "Debian GNU/Linux 12",
          kernelVersion: "6.1.0",
          containerRuntimeVersion: "tskube://0.1.0",
        },
      },
    } as ApiObject,
    cells: [
      "node-1",
      "Ready,SchedulingDisabled",
      "control-plane,worker",
      "3h",
      "v1.32.0",
      "192.168.1.10",
      "<none>",
      "Debian GNU/Linux 12",
      "6.1.0",
      "tskube://0.1.0",
    ],
  },
  {
    kind: "Node",
    columns:
      "Name,Status,Roles,Age,Version|Internal-IP,External-IP,OS-Image,Kernel-Version,Container-Runtime",
    object: {
      metadata: meta("node-2"),
      status: { conditions: [{ type: "Ready", status: "Unknown" }] },
    } as ApiObject,
    cells: [
      "node-2",
      "NotReady",
      "<none>",
      "3h",
      "",
      "<none>",
      "<none>",
      "<unknown>",
      "<unknown>",
      "<unknown>",
    ],
  },
  {
    kind: "Namespace",
    columns: "Name,Status,Age",
    object: { metadata: meta("team-a"), status: { phase: "Active" } } as ApiObject,
    cells: ["team-a", "Active", "3h"],
  },
  {
    kind: "HorizontalPodAutoscaler",
    columns: "Name,Reference,Targets,MinPods,MaxPods,Replicas,Age",
    object: {
      metadata: meta("web"),
      spec: {
        scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
          },
        ],
      },
      status: {
        currentReplicas: 2,
        desiredReplicas: 2,
        currentMetrics: [
          { type: "Resource", resource: { name: "cpu", current: { averageUtilization: 12 } } },
        ],
      },
    } as ApiObject,
    cells: ["web", "Deployment/web", "cpu: 12%/80%", "1", 10, 2, "3h"],
  },
  {
    kind: "HorizontalPodAutoscaler",
    columns: "Name,Reference,Targets,MinPods,MaxPods,Replicas,Age",
    object: {
      metadata: meta("api"),
      spec: {
        scaleTargetRef: { kind: "Deployment", name: "api" },
        maxReplicas: 5,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
          },
          {
            type: "Resource",
            resource: { name: "memory", target: { type: "AverageValue", averageValue: "500Mi" } },
          },
          {
            type: "Pods",
            pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "10" } },
          },
        ],
      },
      status: { desiredReplicas: 0 },
    } as ApiObject,
    cells: [
      "api",
      "Deployment/api",
      "cpu: <unknown>/80%, memory: <unknown>/500Mi + 1 more...",
      "<unset>",
      5,
      0,
      "3h",
    ],
  },
  {
    kind: "Event",
    columns: "Last Seen,Type,Reason,Object,Message|Subobject,Source,First Seen,Count,Name",
    object: {
      metadata: meta("web-5d8f-abcde.17a"),
      involvedObject: { kind: "Pod", name: "web-5d8f-abcde", fieldPath: "spec.containers{web}" },
      reason: "Pulled",
      message: 'Successfully pulled image "nginx:1.27"\n',
      type: "Normal",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: "2026-01-10T11:00:00Z",
      lastTimestamp: "2026-01-10T11:59:00Z",
      count: 4,
    } as ApiObject,
    cells: [
      "60s",
      "Normal",
      "Pulled",
      "pod/web-5d8f-abcde",
      "spec.containers{web}",
      "kubelet, node-1",
      'Successfully pulled image "nginx:1.27"',
      "60m",
      4,
      "web-5d8f-abcde.17a",
    ],
  },
  {
    kind: "Event",
    columns: "Last Seen,Type,Reason,Object,Message|Subobject,Source,First Seen,Count,Name",
    object: {
      metadata: meta("ev2"),
      involvedObject: { kind: "Deployment", name: "web" },
      reason: "ScalingReplicaSet",
      message: "Scaled up",
      type: "Normal",
      eventTime: "2026-01-10T11:59:30.000000Z",
      reportingComponent: "deployment-controller",
    } as ApiObject,
    cells: [
      "30s",
      "Normal",
      "ScalingReplicaSet",
      "deployment/web",
      "",
      "deployment-controller",
      "Scaled up",
      "30s",
      1,
      "ev2",
    ],
  },
  {
    kind: "ConfigMap",
    columns: "Name,Data,Age",
    object: { metadata: meta("cfg"), data: { a: "1", b: "2" }, binaryData: { c: "AA==" } } as ApiObject,
    cells: ["cfg", 3, "3h"],
  },
  {
    kind: "Secret",
    columns: "Name,Type,Data,Age",
    object: {
      metadata: meta("tls"),
      type: "kubernetes.io/tls",
      data: { "tls.crt": "", "tls.key": "" },
    } as ApiObject,
    cells: ["tls", "kubernetes.io/tls", 2, "3h"],
  },
  {
    kind: "PersistentVolume",
    columns:
      "Name,Capacity,Access Modes,Reclaim Policy,Status,Claim,StorageClass,VolumeAttributesClass,Reason,Age|VolumeMode",
    object: {
      metadata: meta("pv-1"),
      spec: {
        capacity: { storage: "10Gi" },
        accessModes: ["ReadWriteMany", "ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Retain",
        claimRef: { namespace: "default", name: "data" },
        storageClassName: "standard",
        volumeMode: "Filesystem",
      },
      status: { phase: "Bound" },
    } as ApiObject,
    cells: [
      "pv-1",
      "10Gi",
      "RWO,RWX",
      "Retain",
      "Bound",
      "default/data",
      "standard",
      "<unset>",
      "",
      "3h",
      "Filesystem",
    ],
  },
  {
    kind: "PersistentVolumeClaim",
    columns: "Name,Status,Volume,Capacity,Access Modes,StorageClass,VolumeAttributesClass,Age|VolumeMode",
    object: {
      metadata: meta("data"),
      spec: { volumeName: "pv-1", storageClassName: "standard", accessModes: ["ReadWriteOnce"] },
      status: { phase: "Bound", capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"] },
    } as ApiObject,
    cells: ["data", "Bound", "pv-1", "10Gi", "RWO", "standard", "<unset>", "3h", "<unset>"],
  },
  {
    kind: "Endpoints",
    columns: "Name,Endpoints,Age",
    object: {
      metadata: meta("web"),
      subsets: [
        {
          addresses: [{ ip: "10.244.0.7" }, { ip: "10.244.0.8" }, { ip: "fd00::1" }],
          notReadyAddresses: [{ ip: "10.244.0.9" }],
          ports: [{ port: 80 }, { port: 443 }],
        },
      ],
    } as ApiObject,
    cells: ["web", "10.244.0.7:80,10.244.0.8:80,[fd00::1]:80 + 3 more...", "3h"],
  },
  {
    kind: "Endpoints",
    columns: "Name,Endpoints,Age",
    object: { metadata: meta("empty") } as ApiObject,
    cells: ["empty", "<none>", "3h"],
  },
  {
    kind: "Lease",
    columns: "Name,Holder,Age",
    object: { metadata: meta("node-1"), spec: { holderIdentity: "node-1" } } as ApiObject,
    cells: ["node-1", "node-1", "3h"],
  },
  {
    kind: "StorageClass",
    columns: "Name,Provisioner,ReclaimPolicy,VolumeBindingMode,AllowVolumeExpansion,Age",
    object: {
      metadata: meta("standard", { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }),
      provisioner: "tskube.io/hostpath",
      volumeBindingMode: "WaitForFirstConsumer",
    } as ApiObject,
    cells: ["standard (default)", "tskube.io/hostpath", "Delete", "WaitForFirstConsumer", false, "3h"],
  },
  {
    kind: "ClusterRole",
    columns: "Name,Age",
    object: { metadata: meta("admin") },
    cells: ["admin", "3h"],
  },
];

function columnText(kind: string): string {
  const cols = printerFor(kind).columns;
  const main = cols.filter((c) => c.priority === 0).map((c) => c.name);
  const wide = cols.filter((c) => c.priority === 1).map((c) => c.name);
  return wide.length === 0 ? main.join(",") : `${main.join(",")}|${wide.join(",")}`;
}

describe.each(cases)("$kind $object.metadata.name", ({ kind, columns, object, cells }) => {
  it("has Kubernetes' columns", () => {
    expect(columnText(kind)).toBe(columns);
  });
  it("prints Kubernetes' cells, one per column", () => {
    const row = printerFor(kind).row(object, NOW);
    expect(row).toEqual(cells);
    expect(row).toHaveLength(printerFor(kind).columns.length);
  });
});

describe("column types", () => {
  it("integer counts where Kubernetes declares them", () => {
    const types = (kind: string) => printerFor(kind).columns.map((c) => `${c.name}:${c.type}`);
    expect(types("ReplicaSet").slice(1, 4)).toEqual(["Desired:integer", "Current:integer", "Ready:integer"]);
    expect(types("DaemonSet").slice(4, 6)).toEqual(["Up-to-date:integer", "Available:integer"]);
    expect(types("Event").at(-1)).toBe("Name:string");
    expect(printerFor("Event").columns.at(-1)?.format).toBe("name");
  });
});

describe("selector cells", () => {
  it("Deployment prints the bare selector text (empty stays empty); ReplicaSet says <none>", () => {
    const bare = {
      metadata: { name: "x" },
      spec: { selector: {}, template: { spec: { containers: [] } } },
    } as ApiObject;
    expect(printerFor("Deployment").row(bare, NOW)[7]).toBe("");
    expect(printerFor("ReplicaSet").row(bare, NOW)[7]).toBe("<none>");
    const bad = {
      metadata: { name: "x" },
      spec: { selector: { matchExpressions: [{ key: "a", operator: "Near" }] }, template: {} },
    } as ApiObject;
    expect(printerFor("Deployment").row(bad, NOW)[7]).toBe("<invalid>");
    expect(printerFor("ReplicaSet").row(bad, NOW)[7]).toBe("<error>");
  });
});

describe("storage edge cases", () => {
  it("PVC: unbound claims leave capacity and modes blank; the attributes class comes from the spec", () => {
    const pvc = {
      metadata: {
        name: "data",
        creationTimestamp: "2026-01-10T09:00:00Z",
        deletionTimestamp: "2026-01-10T11:00:00Z",
      },
      spec: { volumeAttributesClassName: "gold", volumeMode: "Block" },
      status: { phase: "Pending", capacity: { storage: "1Gi" } },
    } as ApiObject;
    expect(printerFor("PersistentVolumeClaim").row(pvc, NOW)).toEqual([
      "data",
      "Terminating",
      "",
      "",
      "",
      "",
      "gold",
      "3h",
      "Block",
    ]);
  });
});
