import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { ClusterCa } from "../auth/ca.js";
import { StoreClient } from "../client/store-client.js";
import { CsrController } from "../controllers/csr/csr-controller.js";
import { NamespaceController } from "../controllers/namespace-controller.js";
import type { Logger } from "../logger.js";
import { AgentClient, type AgentCredentials } from "./agents/agent-client.js";
import { AgentMetrics } from "./agents/node-metrics.js";
import { DEFAULT_POD_CIDR_OPTIONS, PodCidrAllocator } from "./allocation/pod-cidr-allocator.js";
import { DEFAULT_ALLOCATOR_OPTIONS, ServiceAllocator } from "./allocation/service-allocator.js";
import type { ApiCore, UserInfo } from "./api-types.js";
import { ensureBootstrapObjects } from "./bootstrap-objects.js";
import { ApiServerCore } from "./core/api-server-core.js";
import { type Authorizer, allowAll } from "./core/authorizer.js";
import { ApiGateway } from "./gateway/api-gateway.js";
import { ObjectStorage } from "./storage/object-storage.js";
import { WatchCache } from "./watch-cache/watch-cache.js";

export interface ApiServerTls {
  readonly certPem: string;
  readonly keyPem: string;
  /** Client certificates are verified against this CA. */
  readonly caPem: string;
}

export interface ApiServerOptions {
  /** The store's client endpoints (this master's first). */
  readonly storeEndpoints: readonly string[];
  /** host:port of the HTTPS gateway. */
  readonly listen: string;
  /** null: plain HTTP (tests of the core only; masters always serve TLS). */
  readonly tls: ApiServerTls | null;
  readonly authenticate: (req: IncomingMessage) => Promise<UserInfo | null>;
  readonly authorize?: Authorizer;
  readonly logger: Logger;
  /** Port the `kubernetes` service targets (the gateway's port on the masters). */
  readonly advertisedPort?: number;
  readonly watchHistory?: number;
  /** The client certificate toward node agents (logs, exec, metrics); absent: those are unavailable. */
  readonly agentCredentials?: AgentCredentials;
  /** The cluster CA: with it, the certificate controller approves and signs CertificateSigningRequests. */
  readonly ca?: ClusterCa;
}

export interface ApiServer {
  readonly core: ApiCore;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Starts the API server of one master: a store client (through this master, so follower writes are
 * forwarded to the leader by Raft), the watch cache, the core, and the HTTPS gateway.
 */
export async function startApiServer(o: ApiServerOptions): Promise<ApiServer> {
  const client = new StoreClient([...o.storeEndpoints], {
    deadlineMs: 5000,
    retryBudgetMs: 10_000,
    logger: o.logger,
  });
  const cache = new WatchCache(client, {
    prefix: "/registry/",
    historySize: o.watchHistory ?? 50_000,
    logger: o.logger,
  });
  const closers: Array<() => Promise<void> | void> = [() => client.close(), () => cache.close()];
  const agents = o.agentCredentials === undefined ? undefined : new AgentClient(o.agentCredentials);
  if (agents !== undefined) closers.push(() => agents.close());
  try {
    await startCache(cache, o.logger);
    const storage = new ObjectStorage(client);
    const core = new ApiServerCore({
      storage,
      cache,
      allocator: new ServiceAllocator(cache, DEFAULT_ALLOCATOR_OPTIONS),
      podCidrs: new PodCidrAllocator(cache, DEFAULT_POD_CIDR_OPTIONS),
      authorize: o.authorize ?? allowAll,
      logger: o.logger,
      ...(agents === undefined ? {} : { metrics: new AgentMetrics(agents, { logger: o.logger }) }),
    });
    const gateway = new ApiGateway({
      core,
      authenticate: o.authenticate,
      logger: o.logger,
      authorize: o.authorize ?? allowAll,
      ...(agents === undefined ? {} : { agents }),
    });
    const server: Server =
      o.tls === null
        ? createHttpServer(gateway.handle)
        : createHttpsServer(
            {
              cert: o.tls.certPem,
              key: o.tls.keyPem,
              ca: o.tls.caPem,
              requestCert: true,
              rejectUnauthorized: false,
            },
            gateway.handle,
          );
    server.keepAliveTimeout = 120_000;
    server.on("upgrade", gateway.upgrade);
    closers.unshift(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          gateway.closeStreams();
          server.close(() => resolve());
        }),
    );
    const port = await listen(server, o.listen);
    await ensureBootstrapObjects(core, o.advertisedPort ?? port).catch((err: unknown) =>
      o.logger.warn(
        { err: (err as Error).message },
        "bootstrap objects: will be retried by the next master start",
      ),
    );
    const namespaces = new NamespaceController(core, o.logger);
    await namespaces.start();
    closers.unshift(() => namespaces.stop());
    if (o.ca !== undefined) {
      const csrs = new CsrController(core, o.ca, o.logger);
      await csrs.start();
      closers.unshift(() => csrs.stop());
    }
    o.logger.info({ listen: o.listen, port, tls: o.tls !== null }, "API server listening");
    return {
      core,
      port,
      server,
      close: async () => {
        for (const c of closers) await Promise.resolve(c()).catch(() => undefined);
      },
    };
  } catch (err) {
    for (const c of closers) await Promise.resolve(c()).catch(() => undefined);
    throw err;
  }
}

/** The store may still be electing its first leader: keep trying for a while. */
async function startCache(cache: WatchCache, logger: Logger): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await cache.start();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      logger.debug({ err: (err as Error).message }, "watch cache: store not ready yet");
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

function listen(server: Server, address: string): Promise<number> {
  const i = address.lastIndexOf(":");
  const host = address.slice(0, i);
  const port = Number(address.slice(i + 1));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
