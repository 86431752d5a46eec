import { describe, expect, it } from "vitest";
import {
  appContainerOptions,
  milliCpuToShares,
  PodConfigError,
  pauseContainerOptions,
  quantityMilliValue,
  quantityValue,
} from "../src/pod/index.js";
import { ctx, pod } from "./pod-fixtures.js";

describe("quantities", () => {
  it.each([
    ["128Mi", 134217728n, 134217728000n],
    ["1Gi", 1073741824n, 1073741824000n],
    ["1.5", 2n, 1500n],
    ["250m", 1n, 250n],
    ["0.1", 1n, 100n],
    ["1k", 1000n, 1000000n],
    ["1e3", 1000n, 1000000n],
    ["2", 2n, 2000n],
    ["1n", 1n, 1n],
  ])("%s → value %d, milli %d", (text, value, milli) => {
    expect(quantityValue(text)).toBe(value);
    expect(quantityMilliValue(text)).toBe(milli);
  });
  it("rejects malformed quantities", () => {
    expect(() => quantityValue("12Q")).toThrow(/quantities must match/);
  });
});

describe("milliCpuToShares", () => {
  it.each([
    [0n, 2],
    [1n, 2],
    [250n, 256],
    [1000n, 1024],
    [1500n, 1536],
    [1_000_000n, 262144],
  ])("%d → %d", (milli, shares) => expect(milliCpuToShares(milli)).toBe(shares));
});

describe("pauseContainerOptions", () => {
  it("holds the network and IPC namespaces and never restarts by itself", () => {
    const p = pod({
      securityContext: { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] },
    });
    expect(pauseContainerOptions(p, "pause:3")).toEqual({
      name: "k8s_POD_web_shop_1111-2222_0",
      Image: "pause:3",
      Hostname: "web",
      Labels: {
        "io.tskube.managed": "true",
        "io.kubernetes.pod.name": "web",
        "io.kubernetes.pod.namespace": "shop",
        "io.kubernetes.pod.uid": "1111-2222",
        "io.kubernetes.pod.terminationGracePeriod": "30",
        "io.kubernetes.docker.type": "podsandbox",
        "io.kubernetes.container.name": "POD",
      },
      HostConfig: {
        NetworkMode: "none",
        IpcMode: "shareable",
        RestartPolicy: { Name: "no" },
        Sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" },
      },
    });
  });
  it("uses the host network without a hostname for hostNetwork pods, and spec.hostname when set", () => {
    const host = pauseContainerOptions(pod({ hostNetwork: true }), "pause");
    expect(host.HostConfig?.NetworkMode).toBe("host");
    expect(host.Hostname).toBeUndefined();
    expect(pauseContainerOptions(pod({ hostname: "db-0" }), "pause").Hostname).toBe("db-0");
    const long = pod({}, { metadata: { name: `${"a".repeat(62)}-b`, namespace: "shop", uid: "u" } });
    expect(pauseContainerOptions(long, "pause").Hostname).toBe("a".repeat(62));
  });
});

describe("appContainerOptions", () => {
  it("maps command/args, env, resources, tty/stdin, user and joins the pause container", () => {
    const p = pod({
      terminationGracePeriodSeconds: 5,
      securityContext: { runAsUser: 1000 },
      containers: [
        {
          name: "app",
          image: "web:1",
          command: ["/bin/sh", "-c"],
          args: ["echo $(GREETING) $$(GREETING)"],
          env: [{ name: "GREETING", value: "hello" }],
          workingDir: "/srv",
          tty: true,
          stdin: true,
          resources: { requests: { cpu: "250m" }, limits: { cpu: "500m", memory: "64Mi" } },
          securityContext: {
            runAsGroup: 100,
            readOnlyRootFilesystem: true,
            capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] },
          },
        },
      ],
    });
    const o = appContainerOptions(p, p.spec!.containers[0]!, ctx({ restartCount: 3 }));
    expect(o.name).toBe("k8s_app_web_shop_1111-2222_3");
    expect(o.Image).toBe("web:1");
    expect(o.Entrypoint).toEqual(["/bin/sh", "-c"]);
    expect(o.Cmd).toEqual(["echo hello $(GREETING)"]);
    expect(o.Env).toEqual(["GREETING=hello"]);
    expect(o.WorkingDir).toBe("/srv");
    expect(o.User).toBe("1000:100");
    expect([o.Tty, o.OpenStdin, o.AttachStdin, o.StdinOnce]).toEqual([true, true, true, false]);
    expect(o.StopTimeout).toBe(5);
    expect(o.Hostname).toBeUndefined();
    expect(o.Labels).toMatchObject({
      "io.kubernetes.container.name": "app",
      "io.kubernetes.container.restartCount": "3",
      "io.kubernetes.docker.type": "container",
      "io.kubernetes.sandbox.id": "pause123",
      "io.tskube.container.init": "false",
    });
    expect(o.HostConfig).toEqual({
      NetworkMode: "container:pause123",
      IpcMode: "container:pause123",
      RestartPolicy: { Name: "no" },
      Binds: [],
      CpuShares: 256,
      NanoCpus: 500_000_000,
      Memory: 67108864,
      MemorySwap: 67108864,
      ReadonlyRootfs: true,
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["ALL"],
    });
  });

  it("keeps the image's ENTRYPOINT when only args are given, and both when neither is", () => {
    const p = pod({
      containers: [
        { name: "a", image: "x", args: ["-v"] },
        { name: "b", image: "x" },
      ],
    });
    const a = appContainerOptions(p, p.spec!.containers[0]!, ctx());
    expect(a.Entrypoint).toBeUndefined();
    expect(a.Cmd).toEqual(["-v"]);
    const b = appContainerOptions(p, p.spec!.containers[1]!, ctx());
    expect(b.Entrypoint).toBeUndefined();
    expect(b.Cmd).toBeUndefined();
  });

  it("defaults cpu request to the limit, gives 2 shares without any, and raises tiny limits to 10m", () => {
    const p = pod({
      containers: [
        { name: "a", resources: { limits: { cpu: "2" } } },
        { name: "b" },
        { name: "c", resources: { limits: { cpu: "1m" } } },
      ],
    });
    const [a, b, c] = p.spec!.containers.map((x) => appContainerOptions(p, x, ctx()).HostConfig);
    expect([a?.CpuShares, a?.NanoCpus]).toEqual([2048, 2_000_000_000]);
    expect([b?.CpuShares, b?.NanoCpus, b?.Memory]).toEqual([2, undefined, undefined]);
    expect(c?.NanoCpus).toBe(10_000_000);
  });

  it("marks init containers and shares the process namespace when asked", () => {
    const p = pod({ shareProcessNamespace: true, initContainers: [{ name: "setup", image: "busybox" }] });
    const o = appContainerOptions(p, p.spec!.initContainers![0]!, ctx());
    expect(o.Labels?.["io.tskube.container.init"]).toBe("true");
    expect(o.HostConfig?.PidMode).toBe("container:pause123");
  });

  it("binds volumes: emptyDir, hostPath, configMap/secret read-only, PVC, subPath, subPathExpr, propagation", () => {
    const p = pod({
      volumes: [
        { name: "scratch", emptyDir: {} },
        { name: "logs", hostPath: { path: "/var/log/app" } },
        { name: "conf", configMap: { name: "cfg" } },
        { name: "keys", secret: { secretName: "creds" } },
        { name: "data", persistentVolumeClaim: { claimName: "pvc1" } },
        { name: "ro-data", persistentVolumeClaim: { claimName: "pvc1", readOnly: true } },
      ],
      containers: [
        {
          name: "app",
          env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
          volumeMounts: [
            { name: "scratch", mountPath: "/tmp/s" },
            { name: "logs", mountPath: "/logs", subPathExpr: "$(POD)", mountPropagation: "HostToContainer" },
            { name: "conf", mountPath: "/etc/app" },
            { name: "keys", mountPath: "/keys" },
            { name: "data", mountPath: "/data", subPath: "web/db" },
            { name: "data", mountPath: "/data2", readOnly: true },
            { name: "ro-data", mountPath: "/data3" },
          ],
        },
      ],
    });
    const o = appContainerOptions(
      p,
      p.spec!.containers[0]!,
      ctx({ claimPaths: new Map([["pvc1", "/srv/pv1"]]) }),
    );
    const root = "/var/lib/tskube/pods/1111-2222/volumes";
    expect(o.HostConfig?.Binds).toEqual([
      `${root}/kubernetes.io~empty-dir/scratch:/tmp/s`,
      "/var/log/app/web:/logs:rslave",
      `${root}/kubernetes.io~configmap/conf:/etc/app:ro`,
      `${root}/kubernetes.io~secret/keys:/keys:ro`,
      "/srv/pv1/web/db:/data",
      "/srv/pv1:/data2:ro",
      "/srv/pv1:/data3:ro",
    ]);
  });

  it("refuses a subPath escaping the volume, an unbound claim, and a missing configmap", () => {
    const p = pod({
      volumes: [
        { name: "v", emptyDir: {} },
        { name: "pv", persistentVolumeClaim: { claimName: "nope" } },
      ],
      containers: [
        { name: "a", volumeMounts: [{ name: "v", mountPath: "/v", subPath: "../etc" }] },
        { name: "b", volumeMounts: [{ name: "pv", mountPath: "/d" }] },
        { name: "c", env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "missing", key: "k" } } }] },
      ],
    });
    const [a, b, c] = p.spec!.containers.map((x) => {
      try {
        appContainerOptions(p, x, ctx());
      } catch (e) {
        return e as PodConfigError;
      }
      throw new Error("expected an error");
    });
    expect(a).toBeInstanceOf(PodConfigError);
    expect(a?.reason).toBe("CreateContainerConfigError");
    expect(b?.reason).toBe("FailedMount");
    expect(b?.message).toBe(
      'MountVolume.SetUp failed for volume "pv" : persistentvolumeclaim "nope" is not bound to a hostPath PersistentVolume',
    );
    expect(c?.reason).toBe("CreateContainerConfigError");
    expect(c?.message).toBe('configmap "missing" not found');
  });
});
