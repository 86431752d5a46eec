import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../src/errors.js";
import { decodeProtobufBody, encodeProtobufBody } from "../src/protobuf/index.js";

// Bodies captured from the real kubectl 1.32 (fixtures/protobuf/capture.mjs; index.json says which command
// sent which body and with which Content-Type).

const FIXTURES = new URL("./fixtures/protobuf/", import.meta.url);

interface Write {
  method: string;
  path: string;
  contentType: string | null;
  file: string | null;
}
const index = JSON.parse(readFileSync(new URL("index.json", FIXTURES), "utf8")) as Record<
  string,
  { command: string; writes: Write[] }
>;

function fixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, FIXTURES)));
}

function decoded(file: string): Record<string, unknown> {
  return decodeProtobufBody(fixture(file)).object;
}

/** ObjectMeta as Go encodes it: every non-pointer field, creationTimestamp a zero Time (null). */
function meta(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    generateName: "",
    namespace: "",
    selfLink: "",
    uid: "",
    resourceVersion: "",
    generation: 0,
    creationTimestamp: null,
    ...extra,
  };
}

/** The zero-valued PodSpec fields Go always encodes. */
const POD_SPEC_ZEROS = {
  restartPolicy: "",
  dnsPolicy: "",
  serviceAccountName: "",
  serviceAccount: "",
  nodeName: "",
  hostNetwork: false,
  hostPID: false,
  hostIPC: false,
  hostname: "",
  subdomain: "",
  schedulerName: "",
  priorityClassName: "",
};

const CONTAINER_ZEROS = {
  workingDir: "",
  resources: {},
  terminationMessagePath: "",
  imagePullPolicy: "",
  stdin: false,
  stdinOnce: false,
  tty: false,
  terminationMessagePolicy: "",
};

const protobufWrites = Object.values(index).flatMap((c) =>
  c.writes.filter((w) => w.contentType === "application/vnd.kubernetes.protobuf" && w.file !== null),
);

describe("kubectl 1.32 protobuf bodies", () => {
  it("the captures cover the typed-client writes (and kubectl run / drain evictions really are JSON)", () => {
    expect(protobufWrites.length).toBeGreaterThanOrEqual(23);
    expect(index.run?.writes[0]?.contentType).toBe("application/json");
    expect(index.drain?.writes[1]).toMatchObject({ path: "/api/v1/namespaces/default/pods/p1/eviction" });
    expect(index.drain?.writes[1]?.contentType).toBe("application/json");
  });

  it("every captured body decodes and encodes back to kubectl's exact bytes", () => {
    for (const w of protobufWrites) {
      const body = fixture(w.file as string);
      const { apiVersion, kind, object } = decodeProtobufBody(body);
      expect(
        Buffer.from(encodeProtobufBody(apiVersion, kind, object)).equals(Buffer.from(body)),
        w.file!,
      ).toBe(true);
    }
  });

  it("create deployment: the research's object plus Go's zero values", () => {
    expect(decodeProtobufBody(fixture("create-deployment.bin"))).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      object: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: meta("web", { labels: { app: "web" } }),
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: meta("", { labels: { app: "web" } }),
            spec: {
              containers: [
                {
                  name: "nginx",
                  image: "nginx:1.25",
                  ports: [{ name: "", hostPort: 0, containerPort: 8080, protocol: "", hostIP: "" }],
                  ...CONTAINER_ZEROS,
                },
              ],
              ...POD_SPEC_ZEROS,
            },
          },
          strategy: { type: "" },
          minReadySeconds: 0,
          paused: false,
        },
        status: {
          observedGeneration: 0,
          replicas: 0,
          updatedReplicas: 0,
          availableReplicas: 0,
          unavailableReplicas: 0,
          readyReplicas: 0,
        },
      },
    });
  });

  it("create namespace, serviceaccount", () => {
    expect(decoded("create-namespace.bin")).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: meta("team-a"),
      spec: {},
      status: { phase: "" },
    });
    expect(decoded("create-serviceaccount.bin")).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta("robot"),
    });
  });

  it("create configmap keeps an empty value; create secret's data is base64 (bytes)", () => {
    expect(decoded("create-configmap.bin")).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("x"),
      data: { a: "b", empty: "" },
    });
    expect(decoded("create-secret-generic.bin")).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta("s1"),
      data: { password: Buffer.from("hunter2").toString("base64") },
      type: "Opaque",
    });
  });

  it("create service: targetPort IntOrString as a number or a name", () => {
    const serviceZeros = {
      clusterIP: "",
      sessionAffinity: "",
      loadBalancerIP: "",
      externalName: "",
      externalTrafficPolicy: "",
      healthCheckNodePort: 0,
      publishNotReadyAddresses: false,
    };
    expect(decoded("create-service-nodeport.bin")).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: meta("web", { labels: { app: "web" } }),
      spec: {
        ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 30080 }],
        selector: { app: "web" },
        type: "NodePort",
        ...serviceZeros,
      },
      status: { loadBalancer: {} },
    });
    const clusterIp = decoded("create-service-clusterip.bin") as { spec: { ports: unknown[] } };
    expect(clusterIp.spec.ports).toEqual([
      { name: "443-https", protocol: "TCP", port: 443, targetPort: "https", nodePort: 0 },
    ]);
  });

  it("autoscale posts an autoscaling/v1 HPA", () => {
    expect(decoded("autoscale.bin")).toEqual({
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: meta("web"),
      spec: {
        scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
        minReplicas: 2,
        maxReplicas: 5,
        targetCPUUtilizationPercentage: 80,
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    });
  });

  it("auth can-i, can-i --list and whoami", () => {
    expect(decoded("auth-can-i.bin")).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: meta(""),
      spec: {
        resourceAttributes: {
          namespace: "default",
          verb: "create",
          group: "",
          version: "",
          resource: "pods",
          subresource: "",
          name: "",
        },
      },
      status: { allowed: false, reason: "", evaluationError: "", denied: false },
    });
    expect(decoded("auth-can-i-list.bin")).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectRulesReview",
      metadata: meta(""),
      spec: { namespace: "default" },
      status: { incomplete: false, evaluationError: "" },
    });
    expect(decoded("auth-whoami.bin")).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      metadata: meta(""),
      status: { userInfo: { username: "", uid: "" } },
    });
  });

  it("create token: a TokenRequest with a zero (null) expirationTimestamp", () => {
    expect(decoded("create-token.bin")).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      metadata: meta(""),
      spec: { expirationSeconds: 3600 },
      status: { token: "", expirationTimestamp: null },
    });
  });

  it("create job / cronjob carry a pod template", () => {
    const job = decoded("create-job.bin") as { spec: { template: { spec: Record<string, unknown> } } };
    expect(job.spec.template.spec).toEqual({
      containers: [{ name: "j", image: "busybox", command: ["echo", "hi"], ...CONTAINER_ZEROS }],
      ...POD_SPEC_ZEROS,
      restartPolicy: "Never",
    });
    const cron = decoded("create-cronjob.bin") as { spec: Record<string, unknown> };
    expect(cron.spec).toMatchObject({ schedule: "*/1 * * * *", concurrencyPolicy: "" });
    expect(cron.spec.jobTemplate).toMatchObject({ metadata: meta("c") });
  });

  it("rbac, ingress, pdb (IntOrString percent), priorityclass, quota (Quantities)", () => {
    expect(decoded("create-role.bin")).toEqual({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta("r"),
      rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
    });
    expect(decoded("create-clusterrolebinding.bin")).toMatchObject({
      subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice", namespace: "" }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
    });
    expect(decoded("create-ingress.bin")).toMatchObject({
      spec: {
        rules: [
          {
            host: "foo.com",
            http: {
              paths: [
                {
                  path: "/bar",
                  pathType: "Exact",
                  backend: { service: { name: "svc1", port: { name: "", number: 8080 } } },
                },
              ],
            },
          },
        ],
      },
      status: { loadBalancer: {} },
    });
    expect(decoded("create-pdb.bin")).toMatchObject({
      spec: { minAvailable: "50%", selector: { matchLabels: { app: "web" } } },
    });
    expect(decoded("create-priorityclass.bin")).toEqual({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: meta("high"),
      value: 1000,
      globalDefault: false,
      description: "important",
      preemptionPolicy: "PreemptLowerPriority",
    });
    expect(decoded("create-quota.bin")).toEqual({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta("q"),
      spec: { hard: { cpu: "1", memory: "1G", pods: "2" } },
      status: {},
    });
  });

  it("debug node: a Pod whose hostPath volume source is inlined into the volume", () => {
    const pod = decoded("debug-node.bin") as { metadata: { name: string }; spec: Record<string, unknown> };
    expect(pod.metadata.name).toMatch(/^node-debugger-node-1-[a-z0-9]{5}$/);
    expect(pod.spec).toMatchObject({
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
      nodeName: "node-1",
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      restartPolicy: "Never",
      tolerations: [{ key: "", operator: "Exists", value: "", effect: "" }],
    });
    expect((pod.spec.containers as unknown[])[0]).toMatchObject({
      name: "debugger",
      volumeMounts: [
        { name: "host-root", readOnly: false, mountPath: "/host", subPath: "", subPathExpr: "" },
      ],
    });
  });

  it("certificate approve: a CSR with request bytes and a condition Time", () => {
    const csr = decoded("certificate-approve.bin") as {
      metadata: unknown;
      spec: unknown;
      status: { conditions: unknown[] };
    };
    expect(csr.metadata).toEqual(
      meta("csr1", { uid: "c-uid", resourceVersion: "11", creationTimestamp: "2025-01-01T00:00:00Z" }),
    );
    expect(csr.spec).toMatchObject({
      request: Buffer.from("-----BEGIN CERTIFICATE REQUEST-----\n").toString("base64"),
      usages: ["client auth"],
    });
    expect(csr.status.conditions[0]).toMatchObject({
      type: "Approved",
      status: "True",
      reason: "KubectlApprove",
      lastTransitionTime: null,
      lastUpdateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it("drain --disable-eviction sends an empty v1 DeleteOptions", () => {
    expect(decodeProtobufBody(fixture("drain-disable-eviction-1.bin"))).toEqual({
      apiVersion: "v1",
      kind: "DeleteOptions",
      object: { apiVersion: "v1", kind: "DeleteOptions" },
    });
  });

  it("a JSON body (kubectl run) is refused with the API server's text", () => {
    expect(() => decodeProtobufBody(fixture("run.json"))).toThrow(
      new ApiError(
        "BadRequest",
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
      ),
    );
  });
});
