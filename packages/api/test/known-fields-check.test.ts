import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkFields, hasKnownFields } from "../src/known-fields/index.js";
import { decodeProtobufBody } from "../src/protobuf/index.js";
import { DEPLOYMENT, HPA_V1, HPA_V2, OBJECT_META, POD, SERVICE } from "./known-fields-fixtures.js";

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe("checkFields: unknown fields", () => {
  it("finds unknown fields of a Deployment at every depth, named as the decoder names them, and prunes them", () => {
    const body = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      extra: true,
      metadata: { name: "web", labelz: { a: "b" }, labels: { "any-key": "fine" } },
      spec: {
        replicas: 2,
        foo: 1,
        selector: { matchLabels: { app: "web" } },
        strategy: { rollingUpdate: { maxSurge: 1, maxSurgee: 2 } },
        template: {
          metadata: { labels: { app: "web" }, bogus: null },
          spec: {
            containers: [
              { name: "a", image: "nginx" },
              {
                name: "b",
                image: "nginx",
                imagePullPolicyy: "Always",
                ports: [{ containerPort: 80 }, { containerPort: 81, protocl: "TCP" }],
                env: [{ name: "X", valueFrom: { fieldRef: { fieldPath: "metadata.name", fieldPth: "x" } } }],
              },
            ],
          },
        },
      },
      status: { replicas: 1, bogus: 2 },
    };
    const before = clone(body);
    const { pruned, unknown } = checkFields("apps", "v1", "Deployment", body);
    expect(unknown).toEqual([
      "extra",
      "metadata.labelz",
      "spec.foo",
      "spec.strategy.rollingUpdate.maxSurgee",
      "spec.template.metadata.bogus",
      "spec.template.spec.containers[1].imagePullPolicyy",
      "spec.template.spec.containers[1].ports[1].protocl",
      "spec.template.spec.containers[1].env[0].valueFrom.fieldRef.fieldPth",
      "status.bogus",
    ]);
    expect(pruned).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { "any-key": "fine" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        strategy: { rollingUpdate: { maxSurge: 1 } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              { name: "a", image: "nginx" },
              {
                name: "b",
                image: "nginx",
                ports: [{ containerPort: 80 }, { containerPort: 81 }],
                env: [{ name: "X", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
              },
            ],
          },
        },
      },
      status: { replicas: 1 },
    });
    // The input is never modified; untouched subtrees are shared, changed ones are copies.
    expect(body).toEqual(before);
    const p = pruned as typeof body;
    expect(p.spec.selector).toBe(body.spec.selector);
    expect(p.spec.template.spec.containers[0]).toBe(body.spec.template.spec.containers[0]);
    expect(p.spec.template.spec.containers[1]).not.toBe(body.spec.template.spec.containers[1]);
  });

  it("is case-sensitive, as Kubernetes' decoder is", () => {
    const { unknown } = checkFields("", "v1", "ConfigMap", { Metadata: { name: "x" }, data: { A: "b" } });
    expect(unknown).toEqual(["Metadata"]);
  });

  it("returns the body itself when nothing is unknown", () => {
    const body = clone(DEPLOYMENT);
    const { pruned, unknown } = checkFields("apps", "v1", "Deployment", body);
    expect(unknown).toEqual([]);
    expect(pruned).toBe(body);
  });

  it("reports keys named like Object.prototype members and keeps them out of the prototype", () => {
    const body = JSON.parse('{"metadata":{"name":"x","__proto__":{"polluted":1},"constructor":2},"data":{}}');
    const { pruned, unknown } = checkFields("", "v1", "ConfigMap", body);
    expect(unknown).toEqual(["metadata.__proto__", "metadata.constructor"]);
    expect(pruned).toEqual({ metadata: { name: "x" }, data: {} });
    expect(Object.getPrototypeOf((pruned as { metadata: object }).metadata)).toBe(Object.prototype);
    // A free-form map keeps such keys as plain data.
    const cm = JSON.parse('{"metadata":{"name":"x"},"data":{"__proto__":"v"},"extra":1}');
    const out = checkFields("", "v1", "ConfigMap", cm).pruned as { data: Record<string, unknown> };
    expect(Object.keys(out.data)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(out.data)).toBe(Object.prototype);
  });

  it("leaves values of the wrong JSON type alone (a type error, not an unknown field)", () => {
    const body = { metadata: "x", spec: { containers: { name: "a" }, volumes: [7, null, "v"] } };
    const { pruned, unknown } = checkFields("", "v1", "Pod", body);
    expect(unknown).toEqual([]);
    expect(pruned).toBe(body);
  });

  it("passes bodies of kinds without field data unchanged", () => {
    expect(hasKnownFields("metrics.k8s.io", "v1beta1", "PodMetrics")).toBe(false);
    const body = { anything: { goes: 1 } };
    expect(checkFields("metrics.k8s.io", "v1beta1", "PodMetrics", body)).toEqual({
      pruned: body,
      unknown: [],
    });
    expect(hasKnownFields("apps", "v1", "Deployment")).toBe(true);
    expect(hasKnownFields("apps", "v2", "Deployment")).toBe(false);
  });

  it("knows DeleteOptions in any group version, with the 1.32 field", () => {
    const body = {
      kind: "DeleteOptions",
      apiVersion: "v1",
      propagationPolicy: "Background",
      gracePeriodSeconds: 0,
      preconditions: { uid: "u", resourceVersion: "1" },
      orphanDependents: false,
      dryRun: ["All"],
      ignoreStoreReadErrorWithClusterBreakingPotential: false,
      cascade: true,
    };
    expect(checkFields("", "v1", "DeleteOptions", body).unknown).toEqual(["cascade"]);
    expect(checkFields("apps", "v1", "DeleteOptions", body).unknown).toEqual(["cascade"]);
  });
});

describe("checkFields: no false positives on valid bodies", () => {
  it("a Pod using every commonly used field, status included", () => {
    expect(checkFields("", "v1", "Pod", POD).unknown).toEqual([]);
  });

  it("a Deployment whose template uses the same pod spec; a ReplicaSet and a DaemonSet", () => {
    expect(checkFields("apps", "v1", "Deployment", DEPLOYMENT).unknown).toEqual([]);
    // ReplicaSetSpec has no strategy, paused, progressDeadlineSeconds or revisionHistoryLimit.
    const { replicas, selector, template, minReadySeconds } = DEPLOYMENT.spec;
    const rsSpec = { replicas, selector, template, minReadySeconds };
    const rs = {
      ...DEPLOYMENT,
      kind: "ReplicaSet",
      spec: rsSpec,
      status: { replicas: 3, fullyLabeledReplicas: 3 },
    };
    expect(checkFields("apps", "v1", "ReplicaSet", rs).unknown).toEqual([]);
    const rsWithDeploymentField = { ...rs, spec: { ...rsSpec, revisionHistoryLimit: 10 } };
    expect(checkFields("apps", "v1", "ReplicaSet", rsWithDeploymentField).unknown).toEqual([
      "spec.revisionHistoryLimit",
    ]);
    const ds = {
      ...DEPLOYMENT,
      kind: "DaemonSet",
      spec: {
        selector: DEPLOYMENT.spec.selector,
        template: DEPLOYMENT.spec.template,
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: "10%" } },
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
      },
      status: { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberMisscheduled: 0, numberReady: 1 },
    };
    expect(checkFields("apps", "v1", "DaemonSet", ds).unknown).toEqual([]);
  });

  it("metadata with ownerReferences and managedFields (whose fieldsV1 is free-form)", () => {
    const cm = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: OBJECT_META,
      data: { a: "b" },
      binaryData: {},
    };
    expect(checkFields("", "v1", "ConfigMap", cm).unknown).toEqual([]);
    const bad = clone(cm);
    (bad.metadata.ownerReferences[0] as Record<string, unknown>).controllr = true;
    (bad.metadata.managedFields[0] as Record<string, unknown>).fieldsV2 = {};
    expect(checkFields("", "v1", "ConfigMap", bad).unknown).toEqual([
      "metadata.ownerReferences[0].controllr",
      "metadata.managedFields[0].fieldsV2",
    ]);
  });

  it("a LoadBalancer Service with status", () => {
    expect(checkFields("", "v1", "Service", SERVICE).unknown).toEqual([]);
    const bad = clone(SERVICE);
    (bad.spec.ports[0] as Record<string, unknown>).targetPorts = 1;
    expect(checkFields("", "v1", "Service", bad).unknown).toEqual(["spec.ports[0].targetPorts"]);
  });

  it("HorizontalPodAutoscalers in v1 and v2, which differ", () => {
    expect(checkFields("autoscaling", "v1", "HorizontalPodAutoscaler", HPA_V1).unknown).toEqual([]);
    expect(checkFields("autoscaling", "v2", "HorizontalPodAutoscaler", HPA_V2).unknown).toEqual([]);
    // A v2 body posted as v1: its v2-only fields are unknown in v1, and the reverse.
    expect(checkFields("autoscaling", "v1", "HorizontalPodAutoscaler", HPA_V2).unknown).toEqual([
      "spec.metrics",
      "spec.behavior",
      "status.currentMetrics",
      "status.conditions",
    ]);
    expect(checkFields("autoscaling", "v2", "HorizontalPodAutoscaler", HPA_V1).unknown).toEqual([
      "spec.targetCPUUtilizationPercentage",
      "status.currentCPUUtilizationPercentage",
    ]);
  });

  it("the other served kinds", () => {
    const meta = { name: "x" };
    const bodies: [string, string, string, unknown][] = [
      [
        "",
        "v1",
        "Namespace",
        { metadata: meta, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } },
      ],
      ["", "v1", "Secret", { metadata: meta, type: "Opaque", data: { a: "Yg==" }, stringData: { b: "c" } }],
      [
        "",
        "v1",
        "ServiceAccount",
        { metadata: meta, secrets: [{ name: "t" }], imagePullSecrets: [{ name: "r" }] },
      ],
      [
        "",
        "v1",
        "Endpoints",
        {
          metadata: meta,
          subsets: [
            {
              addresses: [
                { ip: "10.0.0.1", nodeName: "n", targetRef: { kind: "Pod", name: "p", namespace: "d" } },
              ],
              notReadyAddresses: [{ ip: "10.0.0.2", hostname: "h" }],
              ports: [{ name: "http", port: 80, protocol: "TCP", appProtocol: "http" }],
            },
          ],
        },
      ],
      [
        "",
        "v1",
        "Node",
        {
          metadata: meta,
          spec: { podCIDR: "10.244.0.0/24", podCIDRs: ["10.244.0.0/24"], unschedulable: true, taints: [] },
          status: {
            capacity: { cpu: "4", memory: "8Gi", pods: "110" },
            allocatable: { cpu: "4" },
            conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: "2025-01-01T00:00:00Z" }],
            addresses: [{ type: "InternalIP", address: "10.0.0.1" }],
            daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
            nodeInfo: { kubeletVersion: "v1.32.0", architecture: "amd64", operatingSystem: "linux" },
            images: [{ names: ["nginx:1.25"], sizeBytes: 1 }],
            runtimeHandlers: [
              { name: "runc", features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
            ],
            features: { supplementalGroupsPolicy: true },
          },
        },
      ],
      [
        "",
        "v1",
        "PersistentVolumeClaim",
        {
          metadata: meta,
          spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "1Gi" } },
            volumeName: "pv1",
          },
          status: { phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] },
        },
      ],
      [
        "",
        "v1",
        "PersistentVolume",
        {
          metadata: meta,
          spec: {
            capacity: { storage: "1Gi" },
            hostPath: { path: "/mnt" },
            claimRef: { name: "c", namespace: "d" },
            persistentVolumeReclaimPolicy: "Retain",
            nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [] }] } },
          },
          status: { phase: "Bound", lastPhaseTransitionTime: "2025-01-01T00:00:00Z" },
        },
      ],
      [
        "",
        "v1",
        "Event",
        {
          metadata: meta,
          involvedObject: {
            kind: "Pod",
            name: "p",
            namespace: "d",
            uid: "u",
            fieldPath: "spec.containers{a}",
          },
          reason: "Pulled",
          message: "ok",
          source: { component: "kubelet", host: "n" },
          firstTimestamp: "2025-01-01T00:00:00Z",
          count: 2,
          type: "Normal",
          eventTime: "2025-01-01T00:00:00.000000Z",
          series: { count: 2, lastObservedTime: "2025-01-01T00:00:00.000000Z" },
          reportingComponent: "kubelet",
          reportingInstance: "n",
        },
      ],
      ["", "v1", "Binding", { metadata: meta, target: { kind: "Node", name: "n" } }],
      [
        "discovery.k8s.io",
        "v1",
        "EndpointSlice",
        {
          metadata: meta,
          addressType: "IPv4",
          endpoints: [
            {
              addresses: ["10.0.0.1"],
              conditions: { ready: true, serving: true, terminating: false },
              nodeName: "n",
              zone: "a",
              targetRef: { kind: "Pod", name: "p" },
              hints: { forZones: [{ name: "a" }] },
            },
          ],
          ports: [{ name: "http", port: 80, protocol: "TCP", appProtocol: "http" }],
        },
      ],
      [
        "coordination.k8s.io",
        "v1",
        "Lease",
        {
          metadata: meta,
          spec: {
            holderIdentity: "a",
            leaseDurationSeconds: 15,
            acquireTime: "2025-01-01T00:00:00.000000Z",
            renewTime: "2025-01-01T00:00:00.000000Z",
            leaseTransitions: 1,
            preferredHolder: "b",
            strategy: "OldestEmulationVersion",
          },
        },
      ],
      [
        "storage.k8s.io",
        "v1",
        "StorageClass",
        {
          metadata: meta,
          provisioner: "rancher.io/local-path",
          parameters: { a: "b" },
          reclaimPolicy: "Delete",
          volumeBindingMode: "WaitForFirstConsumer",
          allowVolumeExpansion: true,
          mountOptions: ["ro"],
          allowedTopologies: [{ matchLabelExpressions: [{ key: "zone", values: ["a"] }] }],
        },
      ],
      [
        "authorization.k8s.io",
        "v1",
        "SelfSubjectAccessReview",
        {
          metadata: { creationTimestamp: null },
          spec: {
            resourceAttributes: {
              namespace: "default",
              verb: "list",
              group: "",
              resource: "pods",
              subresource: "",
              name: "",
              version: "v1",
              fieldSelector: { rawSelector: "spec.nodeName=n" },
              labelSelector: { requirements: [{ key: "app", operator: "In", values: ["web"] }] },
            },
            nonResourceAttributes: { path: "/healthz", verb: "get" },
          },
          status: { allowed: true, denied: false, reason: "", evaluationError: "" },
        },
      ],
      [
        "authentication.k8s.io",
        "v1",
        "SelfSubjectReview",
        {
          metadata: meta,
          status: {
            userInfo: { username: "alice", uid: "1", groups: ["dev"], extra: { scopes: ["a", "b"] } },
          },
        },
      ],
      [
        "autoscaling",
        "v1",
        "Scale",
        { metadata: meta, spec: { replicas: 4 }, status: { replicas: 3, selector: "app=web" } },
      ],
      [
        "policy",
        "v1",
        "Eviction",
        { metadata: meta, deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: "u" } } },
      ],
    ];
    for (const [group, version, kind, body] of bodies) {
      expect({ kind, unknown: checkFields(group, version, kind, body).unknown }).toEqual({
        kind,
        unknown: [],
      });
    }
  });

  it("fields Kubernetes 1.31/1.32 added are known; the ones 1.31 removed are not", () => {
    const pod = {
      spec: {
        resources: { requests: { cpu: "1" } },
        securityContext: { supplementalGroupsPolicy: "Merge", seLinuxChangePolicy: "Recursive" },
        resourceClaims: [{ name: "a", resourceClaimName: "c", source: { resourceClaimName: "c" } }],
        volumes: [{ name: "v", image: { reference: "r" } }],
      },
    };
    expect(checkFields("", "v1", "Pod", pod).unknown).toEqual(["spec.resourceClaims[0].source"]);
  });
});

describe("checkFields: bodies real kubectl 1.32 sent", () => {
  const FIXTURES = new URL("./fixtures/protobuf/", import.meta.url);
  const read = (file: string) => readFileSync(new URL(file, FIXTURES));
  // Protobuf bodies decode with every zero-valued Go field present, the most field-heavy form a body takes.
  const protobufBodies: [string, string, string, string][] = [
    ["create-deployment.bin", "apps", "v1", "Deployment"],
    ["create-namespace.bin", "", "v1", "Namespace"],
    ["create-configmap.bin", "", "v1", "ConfigMap"],
    ["create-secret-generic.bin", "", "v1", "Secret"],
    ["create-service-nodeport.bin", "", "v1", "Service"],
    ["create-service-clusterip.bin", "", "v1", "Service"],
    ["create-serviceaccount.bin", "", "v1", "ServiceAccount"],
    ["autoscale.bin", "autoscaling", "v1", "HorizontalPodAutoscaler"],
    ["auth-can-i.bin", "authorization.k8s.io", "v1", "SelfSubjectAccessReview"],
    ["auth-whoami.bin", "authentication.k8s.io", "v1", "SelfSubjectReview"],
    ["debug-node.bin", "", "v1", "Pod"],
    ["drain-disable-eviction-1.bin", "", "v1", "DeleteOptions"],
  ];
  for (const [file, group, version, kind] of protobufBodies) {
    it(`${file} (${kind})`, () => {
      const { object } = decodeProtobufBody(new Uint8Array(read(file)));
      expect(object.kind).toBe(kind);
      expect(checkFields(group, version, kind, object).unknown).toEqual([]);
    });
  }

  it("run.json (Pod, JSON) and drain-1.json (Eviction, JSON)", () => {
    expect(checkFields("", "v1", "Pod", JSON.parse(read("run.json").toString())).unknown).toEqual([]);
    expect(
      checkFields("policy", "v1", "Eviction", JSON.parse(read("drain-1.json").toString())).unknown,
    ).toEqual([]);
  });
});
