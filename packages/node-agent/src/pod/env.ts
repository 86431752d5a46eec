// A container's environment as kubelet computes it (makeEnvironmentVariables): envFrom first, then env
// in order, each plain value `$(VAR)`-expanded against what is defined so far and the service variables.
import type { Container, EnvVar, EnvVarSource, Pod } from "kubernetes-types/core/v1.js";
import type { ContainerContext } from "./context.js";
import { configError } from "./errors.js";
import { expand } from "./expansion.js";
import { quantityMilliValue, quantityValue } from "./quantity.js";

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Result of resolving env: the variables and keys envFrom skipped (kubelet emits a warning Event). */
export interface ResolvedEnv {
  env: Map<string, string>;
  /** Events kubelet would record as InvalidEnvironmentVariableNames, one message per envFrom source. */
  warnings: string[];
}

function secretValue(encoded: string): string {
  return Buffer.from(encoded, "base64").toString("utf8");
}

function lookupConfigMap(pod: Pod, ctx: ContainerContext, name: string, key: string, optional: boolean) {
  const cm = ctx.configMaps.get(name);
  if (cm === undefined) {
    if (optional) return undefined;
    throw configError(`configmap "${name}" not found`);
  }
  const value =
    cm.data?.[key] ?? (cm.binaryData?.[key] !== undefined ? secretValue(cm.binaryData[key]) : undefined);
  if (value === undefined && !optional) {
    throw configError(
      `couldn't find key ${key} in ConfigMap ${pod.metadata?.namespace ?? "default"}/${name}`,
    );
  }
  return value;
}

function lookupSecret(pod: Pod, ctx: ContainerContext, name: string, key: string, optional: boolean) {
  const secret = ctx.secrets.get(name);
  if (secret === undefined) {
    if (optional) return undefined;
    throw configError(`secret "${name}" not found`);
  }
  const encoded = secret.data?.[key];
  if (encoded === undefined) {
    if (optional) return undefined;
    throw configError(`couldn't find key ${key} in Secret ${pod.metadata?.namespace ?? "default"}/${name}`);
  }
  return secretValue(encoded);
}

const ANNOTATION_OR_LABEL = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/** The downward API's pod fields (podFieldSelectorRuntimeValue + fieldpath.ExtractFieldPathAsString). */
export function podFieldValue(
  pod: Pod,
  ctx: Pick<ContainerContext, "podIP" | "podIPs" | "hostIP" | "hostIPs">,
  path: string,
): string {
  const sub = ANNOTATION_OR_LABEL.exec(path);
  if (sub !== null) {
    const map = sub[1] === "labels" ? pod.metadata?.labels : pod.metadata?.annotations;
    return map?.[sub[2] ?? ""] ?? "";
  }
  switch (path) {
    case "metadata.name":
      return pod.metadata?.name ?? "";
    case "metadata.namespace":
      return pod.metadata?.namespace ?? "";
    case "metadata.uid":
      return pod.metadata?.uid ?? "";
    case "spec.nodeName":
      return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec?.serviceAccountName ?? "";
    case "status.podIP":
      return ctx.podIP ?? ctx.podIPs?.[0] ?? "";
    case "status.podIPs":
      return (ctx.podIPs ?? (ctx.podIP ? [ctx.podIP] : [])).join(",");
    case "status.hostIP":
      return ctx.hostIP ?? ctx.hostIPs?.[0] ?? "";
    case "status.hostIPs":
      return (ctx.hostIPs ?? (ctx.hostIP ? [ctx.hostIP] : [])).join(",");
    case "metadata.labels":
    case "metadata.annotations": {
      const map = path === "metadata.labels" ? pod.metadata?.labels : pod.metadata?.annotations;
      return Object.entries(map ?? {})
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join("\n");
    }
    default:
      throw configError(`unsupported fieldPath: ${path}`);
  }
}

/** resourceFieldRef: a limit or request divided by the divisor, rounded up; limits default to allocatable. */
function resourceFieldValue(
  container: Container,
  ctx: ContainerContext,
  source: NonNullable<EnvVarSource["resourceFieldRef"]>,
): string {
  const [kind, resource = ""] = source.resource.split(".", 2) as [string, string?];
  const quantities = kind === "limits" ? container.resources?.limits : container.resources?.requests;
  const raw =
    quantities?.[resource] ?? (kind === "limits" ? ctx.nodeAllocatable?.[resource] : undefined) ?? "0";
  const divisor = String(source.divisor ?? "1");
  if (resource === "cpu") {
    const milli = quantityMilliValue(raw);
    const div = quantityMilliValue(divisor);
    return String((milli + div - 1n) / div);
  }
  const value = quantityValue(raw);
  const div = quantityValue(divisor);
  return String((value + div - 1n) / div);
}

function sourceValue(pod: Pod, container: Container, ctx: ContainerContext, v: EnvVar): string | undefined {
  const from = v.valueFrom ?? {};
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    return lookupConfigMap(pod, ctx, ref.name ?? "", ref.key, ref.optional === true);
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    return lookupSecret(pod, ctx, ref.name ?? "", ref.key, ref.optional === true);
  }
  if (from.fieldRef) return podFieldValue(pod, ctx, from.fieldRef.fieldPath);
  if (from.resourceFieldRef) return resourceFieldValue(container, ctx, from.resourceFieldRef);
  return "";
}

/** The container's environment; throws PodConfigError (CreateContainerConfigError) for missing refs. */
export function resolveEnv(pod: Pod, container: Container, ctx: ContainerContext): ResolvedEnv {
  const env = new Map<string, string>();
  const warnings: string[] = [];
  const namespace = pod.metadata?.namespace ?? "default";
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    let data: Record<string, string> | undefined;
    let what: string;
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? "";
      what = `configMap ${namespace}/${name}`;
      const cm = ctx.configMaps.get(name);
      if (cm === undefined) {
        if (from.configMapRef.optional === true) continue;
        throw configError(`configmap "${name}" not found`);
      }
      data = cm.data ?? {};
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? "";
      what = `secret ${namespace}/${name}`;
      const secret = ctx.secrets.get(name);
      if (secret === undefined) {
        if (from.secretRef.optional === true) continue;
        throw configError(`secret "${name}" not found`);
      }
      data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, secretValue(v)]));
    } else {
      continue;
    }
    const invalid: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      const name = prefix + key;
      if (!ENV_NAME.test(name)) invalid.push(name);
      else env.set(name, value);
    }
    if (invalid.length > 0) {
      invalid.sort();
      warnings.push(
        `Keys [${invalid.join(", ")}] from the EnvFrom ${what} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }
  const service = ctx.serviceEnv ?? new Map<string, string>();
  const lookup = (name: string) => env.get(name) ?? service.get(name);
  for (const v of container.env ?? []) {
    if (v.valueFrom === undefined) {
      env.set(v.name, expand(v.value ?? "", lookup));
      continue;
    }
    const value = sourceValue(pod, container, ctx, v);
    if (value !== undefined) env.set(v.name, value);
  }
  // Service variables come last and never override what the spec defined.
  for (const [name, value] of service) if (!env.has(name)) env.set(name, value);
  return { env, warnings };
}

/** Docker's `NAME=value` list. */
export function dockerEnv(env: ReadonlyMap<string, string>): string[] {
  return [...env].map(([k, v]) => `${k}=${v}`);
}
