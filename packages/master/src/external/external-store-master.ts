import type { Server as HttpServer } from "node:http";
import * as grpc from "@grpc/grpc-js";
import { checkAddress, checkName, stripScheme } from "../config.js";
import { MasterError } from "../errors.js";
import { loadStoreProtos } from "../grpc/protos.js";
import { createLogger, type Logger } from "../logger.js";
import { MasterMetrics } from "../metrics.js";
import { startMetricsServer } from "../metrics-server.js";
import { createEtcdProxy } from "./etcd-proxy.js";

export interface ExternalStoreMasterOptions {
  readonly name: string;
  /** Client endpoints (host:port) of the external etcd cluster. */
  readonly etcdEndpoints: readonly string[];
  readonly clientListen: string;
  readonly metricsListen: string | null;
  readonly logLevel: string;
  readonly logFile: string | null;
}

export interface ExternalStoreMaster {
  readonly name: string;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Parses `etcd://h1:p1,h2:p2` (also `etcd://h1:p1,etcd://h2:p2` and http:// forms) into host:port endpoints. */
export function parseEtcdStore(url: string): string[] {
  if (!url.startsWith("etcd://")) {
    throw new MasterError(
      "InvalidConfig",
      `--store ${url}: expected "embedded" or etcd://host:port[,host:port…]`,
    );
  }
  const endpoints = url
    .slice("etcd://".length)
    .split(",")
    .map((e) => stripScheme(e.trim()))
    .filter((e) => e !== "");
  if (endpoints.length === 0)
    throw new MasterError("InvalidConfig", `--store ${url}: no etcd endpoint given`);
  for (const e of endpoints) checkAddress("--store endpoint", e);
  return endpoints;
}

/**
 * A master whose store is an external etcd cluster: it serves the store API on --client-listen by relaying to
 * etcd, after checking at startup that etcd answers (a wrong address fails the start with one line).
 */
export async function startExternalStoreMaster(
  options: ExternalStoreMasterOptions,
): Promise<ExternalStoreMaster> {
  checkName(options.name);
  checkAddress("--client-listen", options.clientListen);
  const logger = createLogger({ name: options.name, level: options.logLevel, file: options.logFile });
  const metrics = new MasterMetrics();
  const proxy = createEtcdProxy(options.etcdEndpoints);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 64 * 1024 * 1024 });
  let metricsServer: HttpServer | null = null;
  const close = async () => {
    server.forceShutdown();
    proxy.close();
    const m = metricsServer;
    if (m !== null) await new Promise<void>((resolve) => m.close(() => resolve()));
  };
  try {
    await checkEtcd(options.etcdEndpoints);
    for (const s of proxy.services) server.addService(s.definition, s.handlers);
    await new Promise<void>((resolve, reject) => {
      server.bindAsync(options.clientListen, grpc.ServerCredentials.createInsecure(), (err) => {
        if (err !== null)
          reject(new MasterError("InvalidConfig", `--client-listen ${options.clientListen}: ${err.message}`));
        else resolve();
      });
    });
    if (options.metricsListen !== null)
      metricsServer = await startMetricsServer(options.metricsListen, metrics.registry);
  } catch (err) {
    await close();
    throw err;
  }
  logger.info(
    { etcd: options.etcdEndpoints, clientListen: options.clientListen },
    "master started on an external etcd",
  );
  return { name: options.name, logger, close };
}

/** Asks every endpoint for its status until one answers, for up to 10 s. */
async function checkEtcd(endpoints: readonly string[]): Promise<void> {
  const Maintenance = loadStoreProtos().etcdserverpb.Maintenance;
  const deadline = Date.now() + 10_000;
  let last = "";
  while (Date.now() < deadline) {
    for (const e of endpoints) {
      const client = new Maintenance(e, grpc.credentials.createInsecure());
      try {
        await new Promise<void>((resolve, reject) =>
          client.Status({}, { deadline: Date.now() + 1000 }, (err) =>
            err === null ? resolve() : reject(err),
          ),
        );
        return;
      } catch (err) {
        last = `${e}: ${(err as grpc.ServiceError).details ?? (err as Error).message}`;
      } finally {
        client.close();
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new MasterError("InvalidConfig", `--store: no etcd endpoint answered within 10 s (last: ${last})`);
}
