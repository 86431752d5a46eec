import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyPatch, patchTypeOf } from "../src/patch/index.js";
import { schemaFor } from "../src/schema/index.js";

// biome-ignore lint/suspicious/noExplicitAny: assertions read patched documents field by field.
type Doc = Record<string, any>;

// Patches recorded from the real kubectl 1.32.5 by fixtures/patches/capture.mjs, each with the live object it
// was computed against. Replaying them through applyPatch must give what the command meant to do.

interface CapturedPatch {
  readonly path: string;
  readonly contentType: string;
  readonly live: Doc;
  readonly patch: unknown;
}
interface Scenario {
  readonly commands: ReadonlyArray<{ command: string; output: string }>;
  readonly patches: readonly CapturedPatch[];
}

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/patches/kubectl-patches.json", import.meta.url), "utf8"),
) as Record<string, Scenario>;

function scenario(name: string): Scenario {
  const s = fixtures[name];
  if (s === undefined) throw new Error(`no captured scenario ${name}`);
  return s;
}

/** The captured patch number `index` of a scenario, applied to its live object. */
function replay(name: string, index = 0): { captured: CapturedPatch; out: Doc } {
  const captured = scenario(name).patches[index];
  if (captured === undefined) throw new Error(`scenario ${name} has no patch ${index}`);
  const type = patchTypeOf(captured.contentType);
  if (type === undefined || type === "apply")
    throw new Error(`unexpected patch type ${captured.contentType}`);
  const group = captured.path.startsWith("/apis/apps/") ? "apps" : "";
  const kind = captured.live.kind as string;
  const schema = kind === "Scale" ? schemaFor("autoscaling", "Scale") : schemaFor(group, kind);
  return { captured, out: applyPatch(type, captured.live, captured.patch, schema) as Doc };
}

function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
}

const names = (list: Array<{ name: string }>) => list.map((x) => x.name);

describe("patches captured from kubectl 1.32", () => {
  it("every capture ran without errors and every replay stores no directive", () => {
    for (const [name, s] of Object.entries(fixtures)) {
      for (const c of s.commands) expect(c.output, `${name}: ${c.command}`).not.toMatch(/FAILED|error/i);
      s.patches.forEach((_, i) => {
        const { out } = replay(name, i);
        expect(
          allKeys(out).filter((k) => k.startsWith("$")),
          name,
        ).toEqual([]);
      });
    }
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(9);
  });

  it("apply: image change, env B deleted and C first, port 443 added, replicas 3", () => {
    const { captured, out } = replay("apply-deployment", 0);
    expect(captured.contentType).toBe("application/strategic-merge-patch+json");
    expect(out.spec.replicas).toBe(3);
    const [nginx, sidecar] = out.spec.template.spec.containers;
    expect(names(out.spec.template.spec.containers)).toEqual(["nginx", "sidecar"]);
    expect(nginx.image).toBe("nginx:1.26");
    expect(nginx.env).toEqual([
      { name: "C", value: "3" },
      { name: "A", value: "1" },
    ]);
    expect(nginx.ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect(nginx.volumeMounts).toEqual([{ name: "data", mountPath: "/data" }]);
    expect(sidecar).toEqual({ name: "sidecar", image: "busybox:1.36", args: ["sleep", "3600"] });
    expect(out.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).toContain(
      '"nginx:1.26"',
    );
    expect(out.metadata.uid).toBe(captured.live.metadata.uid);
  });

  it("apply: Recreate drops rollingUpdate, emptyDir → hostPath, sidecar deleted", () => {
    const { out } = replay("apply-deployment", 1);
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
    expect(out.spec.template.spec.volumes).toEqual([{ name: "data", hostPath: { path: "/tmp/data" } }]);
    expect(names(out.spec.template.spec.containers)).toEqual(["nginx"]);
    expect(out.spec.template.spec.containers[0].env).toEqual([
      { name: "C", value: "3" },
      { name: "A", value: "1" },
    ]);
  });

  it("set image changes one container and keeps both in order", () => {
    const { out } = replay("set-image");
    expect(names(out.spec.template.spec.containers)).toEqual(["nginx", "sidecar"]);
    expect(out.spec.template.spec.containers[0].image).toBe("nginx:2");
    expect(out.spec.template.spec.containers[0].env).toHaveLength(2);
    expect(out.spec.template.spec.containers[1].image).toBe("busybox:1.36");
  });

  it("set env removes B and adds D after A", () => {
    const { out } = replay("set-env");
    expect(out.spec.template.spec.containers[0].env).toEqual([
      { name: "A", value: "1" },
      { name: "D", value: "4" },
    ]);
  });

  it("scale is a merge patch on the scale subresource", () => {
    const { captured, out } = replay("scale");
    expect(captured.contentType).toBe("application/merge-patch+json");
    expect(captured.path).toMatch(/\/scale$/);
    expect(out.spec).toEqual({ replicas: 4 });
  });

  it("label adds one label and removes another with a merge patch", () => {
    const { captured, out } = replay("label");
    expect(captured.contentType).toBe("application/merge-patch+json");
    expect(out.metadata.labels).toEqual({ tier: "front" });
  });

  it("rollout pause", () => {
    expect(replay("rollout-pause").out.spec.paused).toBe(true);
  });

  it("apply on a ConfigMap: finalizer a removed and c added in order, labels and data merged", () => {
    const { out } = replay("apply-configmap");
    expect(out.metadata.finalizers).toEqual(["example.com/b", "example.com/c"]);
    expect(out.metadata.labels).toEqual({ b: "2" });
    expect(out.data).toEqual({ x: "1", z: "3" });
  });

  it("apply on a Service merges ports by port", () => {
    const { out } = replay("apply-service");
    expect(out.spec.ports).toEqual([
      { name: "http", port: 80, targetPort: 9090, protocol: "TCP" },
      { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
    ]);
    expect(out.spec.selector).toEqual({ app: "web" });
  });

  it("rollout undo is a JSON patch restoring revision 1's template without pod-template-hash", () => {
    const { captured, out } = replay("rollout-undo");
    expect(captured.contentType).toBe("application/json-patch+json");
    expect(out.spec.template.metadata).toEqual({ labels: { app: "web" } });
    expect(out.spec.template.spec.containers[0].image).toBe("nginx:1.25");
    expect(out.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "2" });
    expect(out.spec.replicas).toBe(2);
  });
});
