// Pod spec → dockerode create options, as a CRI runtime would build them: a pause container owns the
// network (and IPC) namespace and app containers join it. Docker never restarts anything ("no"): the
// agent does, so it can count restarts and apply Kubernetes' back-off.
import type { ContainerCreateOptions, HostConfig } from "dockerode";
import type { Container, Pod, PodSecurityContext, SecurityContext } from "kubernetes-types/core/v1.js";
import type { ContainerContext } from "./context.js";
import { dockerEnv, resolveEnv } from "./env.js";
import { configError } from "./errors.js";
import { expandWith } from "./expansion.js";
import { appLabels, containerName, pauseContainerName, pauseLabels } from "./names.js";
import { dockerResources } from "./resources.js";
import { volumeBinds } from "./volumes.js";

const HOSTNAME_MAX = 63;
const DEFAULT_GRACE_SECONDS = 30;

/** The pod's hostname: spec.hostname or the pod name, cut to 63 characters without a trailing '-'/'.'. */
export function podHostname(pod: Pod): string {
  const name = pod.spec?.hostname || pod.metadata?.name || "";
  return name.length <= HOSTNAME_MAX ? name : name.slice(0, HOSTNAME_MAX).replace(/[-.]+$/, "");
}

export function pauseContainerOptions(pod: Pod, image: string, attempt = 0): ContainerCreateOptions {
  const spec = pod.spec;
  const hostNetwork = spec?.hostNetwork === true;
  const sysctls = spec?.securityContext?.sysctls ?? [];
  const hostConfig: HostConfig = {
    NetworkMode: hostNetwork ? "host" : "none",
    // "shareable" lets the app containers join this IPC namespace (Docker's default is private).
    IpcMode: spec?.hostIPC === true ? "host" : "shareable",
    RestartPolicy: { Name: "no" },
  };
  if (spec?.hostPID === true) hostConfig.PidMode = "host";
  if (sysctls.length > 0) hostConfig.Sysctls = Object.fromEntries(sysctls.map((s) => [s.name, s.value]));
  const options: ContainerCreateOptions = {
    name: pauseContainerName(pod, attempt),
    Image: image,
    Labels: pauseLabels(pod),
    HostConfig: hostConfig,
  };
  // With host networking the node's hostname is kept, as Kubernetes does.
  if (!hostNetwork) options.Hostname = podHostname(pod);
  return options;
}

/** The container spec by name, and whether it is an init container. */
export function findContainer(pod: Pod, name: string): { container: Container; init: boolean } | undefined {
  const init = pod.spec?.initContainers?.find((c) => c.name === name);
  if (init !== undefined) return { container: init, init: true };
  const app = pod.spec?.containers?.find((c) => c.name === name);
  return app === undefined ? undefined : { container: app, init: false };
}

function dockerUser(
  container: SecurityContext | undefined,
  pod: PodSecurityContext | undefined,
): string | undefined {
  const uid = container?.runAsUser ?? pod?.runAsUser;
  if (uid === undefined) return undefined;
  const gid = container?.runAsGroup ?? pod?.runAsGroup;
  return gid === undefined ? String(uid) : `${uid}:${gid}`;
}

/**
 * Create options for an init or app container. Throws PodConfigError (CreateContainerConfigError or
 * FailedMount) when a referenced ConfigMap, Secret, key or volume is missing and not optional.
 */
export function appContainerOptions(
  pod: Pod,
  container: Container,
  ctx: ContainerContext,
): ContainerCreateOptions {
  const found = findContainer(pod, container.name);
  if (found === undefined) throw configError(`container "${container.name}" is not in the pod's spec`);
  const sandbox = ctx.sandboxId;
  const { env } = resolveEnv(pod, container, ctx);
  const security = container.securityContext;
  const hostConfig: HostConfig = {
    NetworkMode: `container:${sandbox}`,
    IpcMode: pod.spec?.hostIPC === true ? "host" : `container:${sandbox}`,
    RestartPolicy: { Name: "no" },
    Binds: volumeBinds(pod, container, ctx, env),
    ...dockerResources(container),
  };
  if (pod.spec?.hostPID === true) hostConfig.PidMode = "host";
  else if (pod.spec?.shareProcessNamespace === true) hostConfig.PidMode = `container:${sandbox}`;
  if (security?.privileged === true) hostConfig.Privileged = true;
  if (security?.readOnlyRootFilesystem === true) hostConfig.ReadonlyRootfs = true;
  if (security?.capabilities?.add?.length) hostConfig.CapAdd = [...security.capabilities.add];
  if (security?.capabilities?.drop?.length) hostConfig.CapDrop = [...security.capabilities.drop];

  const options: ContainerCreateOptions = {
    name: containerName(pod, container.name, ctx.restartCount),
    Image: container.image ?? "",
    Env: dockerEnv(env),
    Labels: appLabels(pod, {
      container,
      restartCount: ctx.restartCount,
      init: found.init,
      sandboxId: sandbox,
    }),
    Tty: container.tty === true,
    OpenStdin: container.stdin === true,
    StdinOnce: container.stdinOnce === true,
    AttachStdin: container.stdin === true,
    StopTimeout: pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
    HostConfig: hostConfig,
  };
  // Kubernetes' rule: command replaces the image's ENTRYPOINT (and drops its CMD), args replaces CMD.
  // Docker's create does the same when Entrypoint is given without Cmd.
  if (container.command?.length) options.Entrypoint = container.command.map((c) => expandWith(c, env));
  if (container.args?.length) options.Cmd = container.args.map((a) => expandWith(a, env));
  if (container.workingDir) options.WorkingDir = container.workingDir;
  const user = dockerUser(security, pod.spec?.securityContext);
  if (user !== undefined) options.User = user;
  return options;
}
