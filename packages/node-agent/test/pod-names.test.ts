import { describe, expect, it } from "vitest";
import {
  appContainerOptions,
  containerHash,
  managedVolumes,
  parseContainerLabels,
  pauseContainerOptions,
} from "../src/pod/index.js";
import { ctx, pod } from "./pod-fixtures.js";

describe("names and labels", () => {
  it("round-trips the pause container's labels", () => {
    const p = pod({ terminationGracePeriodSeconds: 7 });
    expect(parseContainerLabels(pauseContainerOptions(p, "pause").Labels)).toEqual({
      kind: "sandbox",
      pod: { name: "web", namespace: "shop", uid: "1111-2222" },
      gracePeriodSeconds: 7,
    });
  });

  it("round-trips an app container's labels, with restart count and spec hash", () => {
    const p = pod();
    const spec = p.spec!.containers[0]!;
    const o = appContainerOptions(p, spec, ctx({ restartCount: 4 }));
    expect(o.name).toBe("k8s_app_web_shop_1111-2222_4");
    expect(parseContainerLabels(o.Labels)).toEqual({
      kind: "container",
      pod: { name: "web", namespace: "shop", uid: "1111-2222" },
      gracePeriodSeconds: 30,
      containerName: "app",
      restartCount: 4,
      hash: containerHash(spec),
      init: false,
      sandboxId: "pause123",
    });
  });

  it("ignores containers it did not make or with broken labels", () => {
    expect(parseContainerLabels(undefined)).toBeUndefined();
    expect(parseContainerLabels({ "io.kubernetes.pod.name": "x" })).toBeUndefined();
    const labels = appContainerOptions(pod(), pod().spec!.containers[0]!, ctx()).Labels!;
    expect(parseContainerLabels({ ...labels, "io.kubernetes.container.restartCount": "-1" })).toBeUndefined();
    expect(parseContainerLabels({ ...labels, "io.kubernetes.docker.type": "other" })).toBeUndefined();
  });

  it("hashes specs independently of key order, and differently when the spec changes", () => {
    expect(containerHash({ name: "a", image: "x" })).toBe(containerHash({ image: "x", name: "a" }));
    expect(containerHash({ name: "a", image: "x" })).not.toBe(containerHash({ name: "a", image: "y" }));
  });

  it("lists the volume directories the runtime must prepare", () => {
    const p = pod({
      volumes: [
        { name: "s", emptyDir: {} },
        { name: "h", hostPath: { path: "/x" } },
        { name: "c", configMap: { name: "cfg" } },
      ],
    });
    expect(managedVolumes(p, "/r")).toEqual([
      { name: "s", kind: "emptyDir", dir: "/r/1111-2222/volumes/kubernetes.io~empty-dir/s" },
      { name: "c", kind: "configMap", dir: "/r/1111-2222/volumes/kubernetes.io~configmap/c" },
    ]);
  });
});
