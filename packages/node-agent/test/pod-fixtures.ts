import type { ConfigMap, Pod, Secret } from "kubernetes-types/core/v1.js";
import type { ContainerContext } from "../src/pod/index.js";

export function pod(spec: Partial<NonNullable<Pod["spec"]>> = {}, extra: Partial<Pod> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "1111-2222",
      labels: { app: "web" },
      annotations: { note: "hi" },
    },
    spec: {
      nodeName: "w1",
      serviceAccountName: "default",
      containers: [{ name: "app", image: "busybox" }],
      ...spec,
    },
    ...extra,
  };
}

export function ctx(over: Partial<ContainerContext> = {}): ContainerContext {
  const cm: ConfigMap = { metadata: { name: "cfg" }, data: { MODE: "prod", "bad key": "x", level: "3" } };
  const secret: Secret = {
    metadata: { name: "creds" },
    data: { PASSWORD: Buffer.from("s3cret").toString("base64") },
  };
  return {
    sandboxId: "pause123",
    restartCount: 0,
    configMaps: new Map([["cfg", cm]]),
    secrets: new Map([["creds", secret]]),
    podIP: "10.244.1.5",
    hostIP: "192.168.56.21",
    podsRoot: "/var/lib/tskube/pods",
    ...over,
  };
}
