// Containers of a pod spec: what every container needs (validateContainerCommon), then the rules of
// regular and init containers. Names must be unique across regular and init containers.
import type { Container, Volume } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isDns1123Label } from "../names.js";
import { checkHostPortConflicts, validateContainerPorts } from "./container-ports.js";
import { validateEnv, validateEnvFrom } from "./env.js";
import { validateLifecycle, validateProbe } from "./probes.js";
import { isObj, list, ptr, str } from "./read.js";
import { validateContainerResources } from "./resources.js";
import { validateSecurityContext } from "./security-context.js";
import { validateVolumeMounts } from "./volume-mounts.js";

const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];

export interface ContainerContext {
  readonly volumes: ReadonlyMap<string, Volume>;
  /** spec.terminationGracePeriodSeconds, which bounds lifecycle sleep actions. */
  readonly gracePeriod: number | undefined;
}

export function validateContainerCommon(c: Container, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (name === "") errs.push(required(path.child("name")));
  else errs.push(...isDns1123Label(name).map((msg) => invalid(path.child("name"), name, msg)));
  if (str(c.image) === "") errs.push(required(path.child("image")));
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === "") errs.push(required(path.child("terminationMessagePolicy")));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(notSupported(path.child("terminationMessagePolicy"), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validateContainerPorts(c.ports, path.child("ports")));
  errs.push(...validateEnv(c.env, path.child("env")));
  errs.push(...validateEnvFrom(c.envFrom, path.child("envFrom")));
  errs.push(...validateVolumeMounts(c, ctx.volumes, path.child("volumeMounts")));
  const pull = str(c.imagePullPolicy);
  if (pull === "") errs.push(required(path.child("imagePullPolicy")));
  else if (!PULL_POLICIES.includes(pull))
    errs.push(notSupported(path.child("imagePullPolicy"), pull, PULL_POLICIES));
  errs.push(
    ...validateContainerResources(isObj(c.resources) ? c.resources : undefined, path.child("resources")),
  );
  errs.push(...validateSecurityContext(c.securityContext, path.child("securityContext")));
  return errs;
}

/** Regular containers: at least one, unique names, probes and hooks, no restartPolicy. */
export function validateContainers(
  containers: readonly Container[],
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(p.child("name"), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child("lifecycle")));
    errs.push(...validateProbe(c.livenessProbe, "livenessProbe", ctx.gracePeriod, p.child("livenessProbe")));
    errs.push(
      ...validateProbe(c.readinessProbe, "readinessProbe", ctx.gracePeriod, p.child("readinessProbe")),
    );
    errs.push(...validateProbe(c.startupProbe, "startupProbe", ctx.gracePeriod, p.child("startupProbe")));
    if (ptr(c.restartPolicy) !== undefined) {
      errs.push(forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

const INIT_ONLY_WITHOUT_ALWAYS = "may not be set for init containers without restartPolicy=Always";

/**
 * Init containers: names unique across regular containers too; only sidecars (restartPolicy Always) may
 * have probes and hooks. Host ports are checked per container, since init containers run one by one.
 */
export function validateInitContainers(
  inits: readonly Container[],
  regular: readonly Container[],
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const restartPolicy = ptr(c.restartPolicy);
    if (restartPolicy !== undefined && restartPolicy !== "Always") {
      errs.push(notSupported(p.child("restartPolicy"), restartPolicy, ["Always"]));
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(p.child("name"), name));
    else if (name !== "") names.add(name);
    // Upstream checks each init container alone, so the reported index is always 0.
    errs.push(...checkHostPortConflicts([c], path));
    if (restartPolicy === "Always") {
      errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child("lifecycle")));
      errs.push(
        ...validateProbe(c.livenessProbe, "livenessProbe", ctx.gracePeriod, p.child("livenessProbe")),
      );
      errs.push(
        ...validateProbe(c.readinessProbe, "readinessProbe", ctx.gracePeriod, p.child("readinessProbe")),
      );
      errs.push(...validateProbe(c.startupProbe, "startupProbe", ctx.gracePeriod, p.child("startupProbe")));
    } else {
      for (const field of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] as const) {
        if (isObj(c[field])) errs.push(forbidden(p.child(field), INIT_ONLY_WITHOUT_ALWAYS));
      }
    }
    if (list(c.resizePolicy).length > 0) {
      errs.push(invalid(p.child("resizePolicy"), c.resizePolicy, "must not be set for init containers"));
    }
  });
  return errs;
}

/** Pod-only (not template) container rule: no whitespace around the image. */
export function validateImageWhitespace(containers: readonly Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const image = str(c.image);
    if (image.trim() !== image) {
      errs.push(invalid(path.index(i).child("image"), image, "must not have leading or trailing whitespace"));
    }
  });
  return errs;
}
