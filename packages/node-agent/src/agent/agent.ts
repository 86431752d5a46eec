// `tskube agent`: the node agent (tskube's kubelet). Joins the cluster, registers its Node and heartbeats its
// Lease, runs the pods bound to it as Docker containers, and serves their logs, exec and stats to the API
// server. Stopping the agent leaves the pods running; a restarted agent adopts them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ObjectClient } from "@tskube/api/client";
import Dockerode from "dockerode";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { ProbeManager } from "../probes/index.js";
import { installCniShim } from "../runtime/cni-shim.js";
import { DockerPodRuntime } from "../runtime/docker-pod-runtime.js";
import type { DockerPodRuntimeOptions } from "../runtime/runtime-options.js";
import { AgentServer } from "../server/agent-server.js";
import { servingCertificate } from "../server/serving-cert.js";
import { StatsSummary } from "../server/stats-summary.js";
import { type AgentOptions, DEFAULT_AGENT_PORT } from "./agent-options.js";
import { ContainerEvents } from "./container-events.js";
import { AgentError } from "./errors.js";
import { EventRecorder } from "./event-recorder.js";
import { Informer } from "./informer.js";
import type { AgentLogger } from "./logger.js";
import { NodeHeartbeat } from "./node-heartbeat.js";
import { nodeCredentials, pkiDir } from "./node-identity.js";
import { PodCaches } from "./pod-caches.js";
import { PodManager } from "./pod-manager.js";

function splitHostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  const port = Number(address.slice(i + 1));
  if (i < 0 || !Number.isInteger(port)) throw new AgentError(`bad address "${address}": want host:port`);
  return { host: address.slice(0, i), port };
}

/** The back-off tuning of --backoff-initial-ms / --backoff-max-ms, for crash loops and image pulls alike. */
function backoffs(o: AgentOptions): Pick<DockerPodRuntimeOptions, "crashBackoff" | "imageBackoff"> {
  if (o.backoffInitialMs === undefined) return {};
  const tuning = {
    initialMs: o.backoffInitialMs,
    ...(o.backoffMaxMs === undefined ? {} : { maxMs: o.backoffMaxMs }),
  };
  return { crashBackoff: tuning, imageBackoff: tuning };
}

export class NodeAgent {
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly o: AgentOptions,
    private readonly log: AgentLogger,
  ) {}

  async start(): Promise<void> {
    const { o, log } = this;
    const started = new Date();
    const listen = splitHostPort(o.listen);
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const podsGauge = new Gauge({
      name: "tskube_agent_pods",
      help: "pods bound to this node",
      registers: [registry],
    });

    const creds = await nodeCredentials(o, log);
    const client = new ObjectClient(o.servers, {
      credentials: grpc.credentials.createSsl(
        Buffer.from(o.caPem),
        Buffer.from(creds.keyPem),
        Buffer.from(creds.certPem),
      ),
      retryBudgetMs: 30_000,
    });
    this.stops.push(() => client.close());

    // dockerd's events drive pod syncs and its health drives the node's readiness.
    const docker = new Dockerode({ socketPath: o.dockerSocket });
    let pods: PodManager | undefined;
    let heartbeat: NodeHeartbeat | undefined;
    const dockerEvents = new ContainerEvents(
      docker,
      (uid) => pods?.poke(uid),
      () => void heartbeat?.report(),
      log.child({ part: "docker-events" }),
    );
    dockerEvents.start();
    this.stops.push(() => dockerEvents.stop());
    heartbeat = new NodeHeartbeat(client, o, listen.port || DEFAULT_AGENT_PORT, dockerEvents, log);
    const beat = heartbeat;
    const node = await beat.register();
    const podCIDR = node.spec?.podCIDR ?? "";
    log.info({ podCIDR }, "node registered; pod network range assigned");

    const shimDir = join(o.dataDir, "cni", "bin");
    await installCniShim(shimDir);
    const podsRoot = join(o.dataDir, "pods");
    const runtime = new DockerPodRuntime({
      docker,
      nodeName: o.nodeName,
      podCIDR,
      podsRoot,
      pauseImage: o.pauseImage,
      cni: {
        binDirs: [shimDir, ...o.cniBinDirs],
        plugin: o.cniPlugin,
        ipamDataDir: join(o.dataDir, "cni", "networks"),
      },
      logger: log.child({ part: "runtime" }),
      ...backoffs(o),
    });
    const events = new EventRecorder(client, o.nodeName, log.child({ part: "events" }));
    beat.events = events;
    const probes = new ProbeManager({
      probers: { exec: (id, command, timeoutMs) => runtime.execSync(id, command, timeoutMs) },
      onChange: (uid) => pods?.poke(uid),
      onEvent: (uid, e) => {
        const pod = podWatch.get(uid);
        if (pod !== undefined) events.pod(pod, e);
      },
    });
    this.stops.push(() => probes.close());
    const caches = new PodCaches(client, (kind, ns, name) => pods?.referenced(kind, ns, name), log);
    caches.start();
    this.stops.push(() => caches.stop());
    const manager = new PodManager({
      client,
      runtime,
      probes,
      events,
      sources: caches,
      node: () => ({
        nodeIP: o.nodeIP,
        podsRoot,
        allocatable: { ...(beat.node?.status?.allocatable ?? {}) },
      }),
      log: log.child({ part: "pods" }),
      resyncMs: o.podResyncMs,
    });
    pods = manager;
    const podWatch: Informer<"pods"> = new Informer(
      client,
      "pods",
      {
        upsert: (pod) => {
          manager.upsert(pod);
          podsGauge.set(podWatch.size);
        },
        deleted: (pod) => {
          manager.deleted(pod);
          podsGauge.set(podWatch.size);
        },
        // Only a complete list tells a pod deleted while the agent was down from one not seen yet.
        synced: () =>
          void manager
            .removeOrphans()
            .catch((err: unknown) =>
              log.warn({ err: (err as Error).message }, "could not list containers for orphan cleanup"),
            ),
      },
      log.child({ part: "pod-watch" }),
      { fieldSelector: `spec.nodeName=${o.nodeName}`, key: (pod) => pod.metadata?.uid ?? "" },
    );
    manager.start();
    podWatch.start();
    this.stops.push(
      () => podWatch.stop(),
      () => manager.stop(),
    );

    const serving = await servingCertificate(pkiDir(o.dataDir), o.nodeName, o.nodeIP);
    const server = new AgentServer({
      runtime,
      pod: (ns, name) => manager.pod(ns, name),
      stats: new StatsSummary(o.nodeName, started),
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      caPem: o.caPem,
      metrics: registry,
      onError: (err, url) => log.debug({ err: (err as Error).message, url }, "agent request failed"),
    });
    await server.listen(listen.host, listen.port);
    this.stops.push(() => server.close());

    await beat.start();
    this.stops.push(() => beat.stop());
    events.node(node.metadata?.uid ?? "", {
      type: "Normal",
      reason: "Starting",
      message: "Starting tskube agent.",
    });
    log.info({ listen: o.listen, startedInMs: Date.now() - started.getTime() }, "agent running");
  }

  stop(): void {
    for (const stop of this.stops.reverse()) {
      try {
        stop();
      } catch {
        // Best effort on the way out.
      }
    }
  }
}

export function readCa(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new AgentError(`cannot read --ca-file ${file}: ${(err as Error).message}`);
  }
}
