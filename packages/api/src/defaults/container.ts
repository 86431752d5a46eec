// Container-level defaults (SetDefaults_Container, _Probe, _HTTPGetAction, _ObjectFieldSelector and the
// declarative protocol default of ContainerPort). These `apply*` helpers mutate: callers own a fresh copy.
import type {
  Container,
  EnvVar,
  HTTPGetAction,
  LifecycleHandler,
  ObjectFieldSelector,
  Probe,
} from "kubernetes-types/core/v1.js";
import { defaultImagePullPolicy } from "./image-pull-policy.js";
import { isNil, isUnset } from "./unset.js";

export const TERMINATION_MESSAGE_PATH_DEFAULT = "/dev/termination-log";

export function applyHttpGetDefaults(action: HTTPGetAction): void {
  if (isUnset(action.path)) action.path = "/";
  if (isUnset(action.scheme)) action.scheme = "HTTP";
}

export function applyFieldSelectorDefaults(sel: ObjectFieldSelector): void {
  if (isUnset(sel.apiVersion)) sel.apiVersion = "v1";
}

// Probe's four knobs are non-pointer int32 in Go, so an explicit 0 is "unset" there too.
function applyProbeDefaults(probe: Probe): void {
  if (isUnset(probe.timeoutSeconds)) probe.timeoutSeconds = 1;
  if (isUnset(probe.periodSeconds)) probe.periodSeconds = 10;
  if (isUnset(probe.successThreshold)) probe.successThreshold = 1;
  if (isUnset(probe.failureThreshold)) probe.failureThreshold = 3;
  if (!isNil(probe.httpGet)) applyHttpGetDefaults(probe.httpGet);
}

function applyHandlerDefaults(handler: LifecycleHandler | undefined): void {
  if (!isNil(handler) && !isNil(handler.httpGet)) applyHttpGetDefaults(handler.httpGet);
}

function applyEnvDefaults(env: EnvVar[] | undefined): void {
  for (const e of env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (!isNil(ref)) applyFieldSelectorDefaults(ref);
  }
}

/** Defaults one container in place (also used for init and ephemeral containers, as Kubernetes does). */
export function applyContainerDefaults(c: Container): void {
  if (isUnset(c.imagePullPolicy)) c.imagePullPolicy = defaultImagePullPolicy(c.image);
  if (isUnset(c.terminationMessagePath)) c.terminationMessagePath = TERMINATION_MESSAGE_PATH_DEFAULT;
  if (isUnset(c.terminationMessagePolicy)) c.terminationMessagePolicy = "File";
  for (const p of c.ports ?? []) {
    if (isUnset(p.protocol)) p.protocol = "TCP";
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!isNil(probe)) applyProbeDefaults(probe);
  }
  applyHandlerDefaults(c.lifecycle?.postStart);
  applyHandlerDefaults(c.lifecycle?.preStop);
  applyEnvDefaults(c.env);
}
