// `tskube agent`: the node agent (tskube's kubelet). Joins the cluster, registers its Node and heartbeats its
// Lease, runs the pods bound to it as Docker containers, and serves their logs, exec and stats to the API
// server. Stopping the agent leaves the pods running; a restarted agent adopts them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ObjectClient } from "@tskube/api";
import Dockerode from "dockerode";
import type { Node } from "kubernetes-types/core/v1.js";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { ProbeManager } from "../probes/index.js";
import { installCniShim } from "../runtime/cni-shim.js";
import { DockerPodRuntime } from "../runtime/docker-pod-runtime.js";
import { AgentServer } from "../server/agent-server.js";
import { servingCertificate } from "../server/serving-cert.js";
import { StatsSummary } from "../server/stats-summary.js";
import { type AgentOptions, DEFAULT_AGENT_PORT } from "./agent-options.js";
import { ContainerEvents } from "./container-events.js";
import { AgentError } from "./errors.js";
import { EventRecorder } from "./event-recorder.js";
import { hostFacts } from "./host-facts.js";
import { Informer } from "./informer.js";
import type { AgentLogger } from "./logger.js";
import { nodeCredentials, pkiDir } from "./node-identity.js";
import { NodeLease } from "./node-lease.js";
import { NodeRegistration } from "./node-registration.js";
import type { NodeFacts } from "./node-status.js";
import { PodManager } from "./pod-manager.js";

const STATUS_CHECK_MS = 10_000;

function splitHostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  const port = Number(address.slice(i + 1));
  if (i < 0 || !Number.isInteger(port)) throw new AgentError(`bad address "${address}": want host:port`);
  return { host: address.slice(0, i), port };
}

export class NodeAgent {
  private readonly stops: Array<() => void> = [];
  private node: Node | undefined;

  constructor(
    private readonly o: AgentOptions,
    private readonly log: AgentLogger,
  ) {}

  async start(): Promise<void> {
    const o = this.o;
    const log = this.log;
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

    const docker = new Dockerode({ socketPath: o.dockerSocket });
    const host = hostFacts();
    const registration = new NodeRegistration(client, o.nodeName, o.nodeStatusReportMs, log);
    let statusTimer: NodeJS.Timeout | undefined;
    const facts = (): NodeFacts => {
      const podCIDR = this.node?.spec?.podCIDR;
      const notReady = !runtimeEvents.healthy
        ? "container runtime is down"
        : podCIDR === undefined || podCIDR === ""
          ? "network plugin not ready: the node has no pod CIDR yet"
          : undefined;
      return {
        ...host,
        nodeName: o.nodeName,
        nodeIP: o.nodeIP,
        agentPort: listen.port || DEFAULT_AGENT_PORT,
        runtimeVersion: runtimeEvents.version,
        ...(notReady === undefined ? {} : { notReady }),
      };
    };
    let wasReady: boolean | undefined;
    const reportStatus = async () => {
      const f = facts();
      await registration.report(f);
      this.node = registration.node ?? this.node;
      // kubelet's NodeReady / NodeNotReady events, on each change of readiness.
      const ready = f.notReady === undefined;
      if (wasReady !== undefined && ready !== wasReady && this.node !== undefined) {
        events?.node(this.node.metadata?.uid ?? "", {
          type: ready ? "Normal" : "Warning",
          reason: ready ? "NodeReady" : "NodeNotReady",
          message: `Node ${o.nodeName} status is now: ${ready ? "NodeReady" : "NodeNotReady"}${ready ? "" : ` (${f.notReady})`}`,
        });
      }
      wasReady = ready;
    };
    let pods: PodManager | undefined;
    let events: EventRecorder | undefined;
    const runtimeEvents = new ContainerEvents(
      docker,
      (uid) => pods?.poke(uid),
      () => void reportStatus(),
      log.child({ part: "docker-events" }),
    );
    runtimeEvents.start();
    this.stops.push(() => runtimeEvents.stop());

    this.node = await registration.register(facts());
    this.node = await this.waitForPodCidr(client);
    const podCIDR = this.node.spec?.podCIDR ?? "";
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
      ...(o.backoffInitialMs === undefined
        ? {}
        : {
            crashBackoff: {
              initialMs: o.backoffInitialMs,
              ...(o.backoffMaxMs === undefined ? {} : { maxMs: o.backoffMaxMs }),
            },
            imageBackoff: {
              initialMs: o.backoffInitialMs,
              ...(o.backoffMaxMs === undefined ? {} : { maxMs: o.backoffMaxMs }),
            },
          }),
    });
    const recorder = new EventRecorder(client, o.nodeName, log.child({ part: "events" }));
    events = recorder;
    const probes = new ProbeManager({
      probers: { exec: (id, command, timeoutMs) => runtime.execSync(id, command, timeoutMs) },
      onChange: (uid) => pods?.poke(uid),
      onEvent: (uid, e) => {
        const pod = informer.get(uid);
        if (pod !== undefined) recorder.pod(pod, e);
      },
    });
    this.stops.push(() => probes.close());
    const configMaps = new Informer(
      client,
      "configmaps",
      {
        upsert: (cm) => pods?.referenced("configMaps", cm.metadata?.namespace ?? "", cm.metadata?.name ?? ""),
        deleted: (cm) =>
          pods?.referenced("configMaps", cm.metadata?.namespace ?? "", cm.metadata?.name ?? ""),
      },
      log,
    );
    const secrets = new Informer(
      client,
      "secrets",
      {
        upsert: (s) => pods?.referenced("secrets", s.metadata?.namespace ?? "", s.metadata?.name ?? ""),
        deleted: (s) => pods?.referenced("secrets", s.metadata?.namespace ?? "", s.metadata?.name ?? ""),
      },
      log,
    );
    const services = new Informer(client, "services", {}, log);
    for (const i of [configMaps, secrets, services]) {
      i.start();
      this.stops.push(() => i.stop());
    }
    pods = new PodManager({
      client,
      runtime,
      probes,
      events: recorder,
      sources: {
        configMap: (ns, name) => configMaps.get(`${ns}/${name}`),
        secret: (ns, name) => secrets.get(`${ns}/${name}`),
        services: (ns) => services.all().filter((svc) => svc.metadata?.namespace === ns),
      },
      node: () => ({
        nodeIP: o.nodeIP,
        podsRoot,
        allocatable: { ...(this.node?.status?.allocatable ?? {}) },
      }),
      log: log.child({ part: "pods" }),
      resyncMs: o.podResyncMs,
    });
    const manager = pods;
    const informer = new Informer(
      client,
      "pods",
      {
        upsert: (pod) => {
          manager.upsert(pod);
          podsGauge.set(informer.size);
        },
        deleted: (pod) => {
          manager.deleted(pod);
          podsGauge.set(informer.size);
        },
        synced: () => {
          manager
            .removeOrphans()
            .catch((err: unknown) =>
              log.warn({ err: (err as Error).message }, "could not list containers for orphan cleanup"),
            );
        },
      },
      log.child({ part: "pod-watch" }),
      { fieldSelector: `spec.nodeName=${o.nodeName}`, key: (pod) => pod.metadata?.uid ?? "" },
    );
    manager.start();
    informer.start();
    this.stops.push(
      () => informer.stop(),
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

    const lease = new NodeLease(client, o.nodeName, o.leaseDurationSeconds, log.child({ part: "lease" }));
    await lease.renew(this.node.metadata?.uid);
    const leaseTimer = setInterval(() => void lease.renew(this.node?.metadata?.uid), o.leaseRenewMs);
    await reportStatus();
    statusTimer = setInterval(() => void reportStatus(), STATUS_CHECK_MS);
    this.stops.push(
      () => clearInterval(leaseTimer),
      () => clearInterval(statusTimer),
    );
    recorder.node(this.node.metadata?.uid ?? "", {
      type: "Normal",
      reason: "Starting",
      message: "Starting tskube agent.",
    });
    log.info({ listen: o.listen, startedInMs: Date.now() - started.getTime() }, "agent running");
  }

  private async waitForPodCidr(client: ObjectClient): Promise<Node> {
    for (let attempt = 0; ; attempt++) {
      const node = await client.get("nodes", { name: this.o.nodeName });
      if (node.spec?.podCIDR) return node;
      if (attempt === 5) this.log.warn({}, "waiting for the masters to assign this node a pod CIDR");
      await new Promise((r) => setTimeout(r, 1000));
    }
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
