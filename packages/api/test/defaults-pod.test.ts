import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { defaultPod, defaultPodTemplateSpec } from "../src/defaults/index.js";

function pod(
  spec: Partial<Pod["spec"]> = {},
  containers: Container[] = [{ name: "c", image: "nginx:1.27" }],
): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers, ...spec } };
}

describe("defaultPod: pod spec defaults", () => {
  it.each([
    ["restartPolicy", "Always"],
    ["dnsPolicy", "ClusterFirst"],
    ["terminationGracePeriodSeconds", 30],
    ["schedulerName", "default-scheduler"],
    ["securityContext", {}],
    ["enableServiceLinks", true],
  ] as const)("sets %s to %j", (field, value) => {
    expect(defaultPod(pod()).spec?.[field]).toEqual(value);
  });

  it.each([
    ["restartPolicy", "Never"],
    ["dnsPolicy", "Default"],
    ["terminationGracePeriodSeconds", 0],
    ["schedulerName", "mine"],
    ["securityContext", { runAsUser: 1000 }],
    ["enableServiceLinks", false],
  ] as const)("does not override a user-set %s (%j)", (field, value) => {
    expect(defaultPod(pod({ [field]: value })).spec?.[field]).toEqual(value);
  });

  it.each([
    ["restartPolicy", "", "Always"],
    ["dnsPolicy", "", "ClusterFirst"],
    ["schedulerName", "", "default-scheduler"],
    ["terminationGracePeriodSeconds", null, 30],
    ["enableServiceLinks", null, true],
  ] as const)("treats the explicit zero value %s=%j as unset", (field, zero, expected) => {
    expect(defaultPod(pod({ [field]: zero })).spec?.[field]).toEqual(expected);
  });

  it("defaults an absent spec as an empty one without inventing containers", () => {
    const out = defaultPod({ metadata: { name: "p" } });
    expect(out.spec?.restartPolicy).toBe("Always");
    expect(out.spec?.containers).toBeUndefined();
  });
});

describe("defaultPod: containers", () => {
  it.each([
    ["nginx:1.27", "IfNotPresent"],
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
  ])("image %s gets imagePullPolicy %s, in containers and initContainers", (image, policy) => {
    const out = defaultPod(pod({ initContainers: [{ name: "i", image }] }, [{ name: "c", image }]));
    expect(out.spec?.containers[0]?.imagePullPolicy).toBe(policy);
    expect(out.spec?.initContainers?.[0]?.imagePullPolicy).toBe(policy);
  });

  it("fills termination message, port protocol, probe and env defaults", () => {
    const out = defaultPod(
      pod({}, [
        {
          name: "c",
          image: "nginx:1.27",
          ports: [{ containerPort: 80 }, { containerPort: 53, protocol: "UDP" }],
          livenessProbe: { httpGet: { port: 80 } },
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, timeoutSeconds: 0 },
          lifecycle: { preStop: { httpGet: { port: 80, path: "/stop" } } },
          env: [{ name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
        },
      ]),
    );
    const c = out.spec?.containers[0];
    expect(c?.terminationMessagePath).toBe("/dev/termination-log");
    expect(c?.terminationMessagePolicy).toBe("File");
    expect(c?.ports).toEqual([
      { containerPort: 80, protocol: "TCP" },
      { containerPort: 53, protocol: "UDP" },
    ]);
    expect(c?.livenessProbe).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c?.readinessProbe?.periodSeconds).toBe(5);
    expect(c?.readinessProbe?.timeoutSeconds).toBe(1);
    expect(c?.lifecycle?.preStop?.httpGet).toEqual({ port: 80, path: "/stop", scheme: "HTTP" });
    expect(c?.env?.[0]?.valueFrom?.fieldRef?.apiVersion).toBe("v1");
  });

  it("does not override user-set container fields", () => {
    const user: Container = {
      name: "c",
      image: "nginx",
      imagePullPolicy: "Never",
      terminationMessagePath: "/tmp/msg",
      terminationMessagePolicy: "FallbackToLogsOnError",
      ports: [{ containerPort: 80, protocol: "SCTP" }],
    };
    expect(defaultPod(pod({}, [user])).spec?.containers[0]).toEqual(user);
  });

  it.each([
    ["only limits", { limits: { cpu: "1", memory: "1Gi" } }, { cpu: "1", memory: "1Gi" }],
    [
      "some requests",
      { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m" } },
      { cpu: "500m", memory: "1Gi" },
    ],
    ["no limits", { requests: { cpu: "100m" } }, { cpu: "100m" }],
  ])("requests default to limits per resource (%s)", (_name, resources, requests) => {
    const out = defaultPod(pod({}, [{ name: "c", image: "x:1", resources }]));
    expect(out.spec?.containers[0]?.resources?.requests).toEqual(requests);
  });

  it("gives init containers requests from limits too, and leaves resource-less containers alone", () => {
    const out = defaultPod(
      pod({ initContainers: [{ name: "i", image: "x:1", resources: { limits: { cpu: "2" } } }] }),
    );
    expect(out.spec?.initContainers?.[0]?.resources?.requests).toEqual({ cpu: "2" });
    expect(out.spec?.containers[0]?.resources).toBeUndefined();
  });

  it("copies containerPort to hostPort with host networking only", () => {
    const ports = [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 19090 }];
    const host = defaultPod(pod({ hostNetwork: true }, [{ name: "c", image: "x:1", ports }]));
    expect(host.spec?.containers[0]?.ports?.map((p) => p.hostPort)).toEqual([8080, 19090]);
    const plain = defaultPod(pod({}, [{ name: "c", image: "x:1", ports }]));
    expect(plain.spec?.containers[0]?.ports?.map((p) => p.hostPort)).toEqual([undefined, 19090]);
  });
});

describe("defaultPod: volumes", () => {
  it("defaults sources and modes", () => {
    const out = defaultPod(
      pod({
        volumes: [
          { name: "none" },
          { name: "s", secret: { secretName: "s" } },
          { name: "cm", configMap: { name: "cm", defaultMode: 0o400 } },
          { name: "d", downwardAPI: { items: [{ path: "n", fieldRef: { fieldPath: "metadata.name" } }] } },
          { name: "p", projected: { sources: [{ serviceAccountToken: { path: "t" } }] } },
          { name: "h", hostPath: { path: "/data" } },
        ],
      }),
    );
    const v = out.spec?.volumes ?? [];
    expect(v[0]).toEqual({ name: "none", emptyDir: {} });
    expect(v[1]?.secret?.defaultMode).toBe(0o644);
    expect(v[2]?.configMap?.defaultMode).toBe(0o400);
    expect(v[3]?.downwardAPI?.defaultMode).toBe(0o644);
    expect(v[3]?.downwardAPI?.items?.[0]?.fieldRef?.apiVersion).toBe("v1");
    expect(v[4]?.projected?.defaultMode).toBe(0o644);
    expect(v[4]?.projected?.sources?.[0]?.serviceAccountToken?.expirationSeconds).toBe(3600);
    expect(v[5]?.hostPath?.type).toBe("");
  });
});

describe("defaultPod: input not mutated", () => {
  it("returns a new object and leaves the argument deep-equal to before", () => {
    const input = pod({ hostNetwork: true, volumes: [{ name: "v" }] }, [
      { name: "c", image: "nginx", ports: [{ containerPort: 80 }], resources: { limits: { cpu: "1" } } },
    ]);
    const before = structuredClone(input);
    const out = defaultPod(input);
    expect(input).toEqual(before);
    expect(out).not.toBe(input);
    expect(out.spec?.containers[0]).not.toBe(input.spec?.containers[0]);
  });
});

describe("defaultPodTemplateSpec", () => {
  it("applies pod-spec defaults but not the pod-only ones", () => {
    const out = defaultPodTemplateSpec({
      spec: {
        hostNetwork: true,
        containers: [
          { name: "c", image: "x:1", ports: [{ containerPort: 80 }], resources: { limits: { cpu: "1" } } },
        ],
      },
    });
    expect(out.spec?.restartPolicy).toBe("Always");
    expect(out.spec?.enableServiceLinks).toBeUndefined();
    expect(out.spec?.containers[0]?.resources?.requests).toBeUndefined();
    expect(out.spec?.containers[0]?.ports?.[0]?.hostPort).toBeUndefined();
  });
});
