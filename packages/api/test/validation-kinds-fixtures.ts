// Shared builders for the per-kind validation tests: valid, defaulted objects to break one field at a time.
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { Pod, Service } from "kubernetes-types/core/v1.js";
import { defaultDeployment, defaultPod, defaultService } from "../src/defaults/index.js";
import { errorMessage, type FieldError } from "../src/validation/field-error.js";
import { toCauses } from "../src/validation/status-causes.js";

/** The lines kubectl prints for each error: `field: message`. */
export function lines(errs: readonly FieldError[]): string[] {
  return errs.map(errorMessage);
}

/** reason/field/message triples, as they travel in a Status. */
export function causes(errs: readonly FieldError[]): string[] {
  return toCauses(errs).map((c) => `${c.reason}/${c.field}/${c.message}`);
}

export function pod(patch: (p: Pod) => void = () => {}): Pod {
  const p: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: { containers: [{ name: "app", image: "nginx:1.25" }] },
  };
  patch(p);
  return defaultPod(p);
}

/** A stored pod as an update's `old`: defaulted, with a resourceVersion. */
export function storedPod(patch: (p: Pod) => void = () => {}): Pod {
  const p = pod(patch);
  p.metadata = { ...p.metadata, resourceVersion: "5", uid: "u-1" };
  return p;
}

export function deployment(patch: (d: Deployment) => void = () => {}): Deployment {
  const d: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "nginx:1.25" }] },
      },
    },
  };
  patch(d);
  return defaultDeployment(d);
}

export function service(patch: (s: Service) => void = () => {}): Service {
  const s: Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
  };
  patch(s);
  return defaultService(s);
}

/** An object as stored (what an update compares against). */
export function stored<T extends { metadata?: object }>(obj: T, resourceVersion = "5"): T {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion, uid: "u-1" } };
}
