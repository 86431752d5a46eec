import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import type { TLSSocket } from "node:tls";
import { ApiError } from "@tskube/api";
import {
  BOOTSTRAP_TOKEN_NAMESPACE,
  bootstrapSecretName,
  createAuthenticator,
  issueClientCert,
  issueServerCert,
  loadTokenFile,
  type PeerCertificateLike,
  type TokenTable,
} from "../auth/index.js";
import { StoreClient } from "../client/store-client.js";
import type { Logger } from "../logger.js";
import { type ApiServer, startApiServer } from "./api-server.js";
import type { UserInfo } from "./api-types.js";
import { ensureClusterCa } from "./cluster-ca-store.js";
import { clusterAuthorizer } from "./core/authorizer.js";
import { MAX_BODY_BYTES } from "./gateway/request-body.js";
import { startObjectsGrpc } from "./objects-grpc-server.js";

export interface ControlPlaneOptions {
  readonly name: string;
  /** The store's client endpoints, this master's own first. */
  readonly storeEndpoints: readonly string[];
  /** host:port of the HTTPS gateway (kubectl). */
  readonly apiListen: string;
  /** Extra addresses for the serving certificate (the master's IPs). */
  readonly advertiseAddresses?: readonly string[];
  /** host:port of the gRPC object API (TLS); null = not served. */
  readonly grpcListen: string | null;
  /** Events the watch cache keeps for watches that resume from a past resourceVersion. */
  readonly watchCacheSize?: number;
  /** Kubernetes' static token file (token,user,uid,"groups"); null = none. */
  readonly tokenFile: string | null;
  readonly logger: Logger;
}

const SYSTEM: UserInfo = { name: "system:apiserver", groups: ["system:masters"] };

/**
 * Everything of a master above the store: the cluster CA (created on first start), this master's
 * serving certificate, authentication (client certificates, tokens), authorization, and the API server.
 */
export async function startControlPlane(o: ControlPlaneOptions): Promise<ApiServer> {
  const tokens: TokenTable | undefined = o.tokenFile === null ? undefined : await loadTokenFile(o.tokenFile);
  const ca = await withStore(o.storeEndpoints, ensureClusterCa);
  const host = o.apiListen.slice(0, o.apiListen.lastIndexOf(":"));
  const addresses = [...new Set([host, ...(o.advertiseAddresses ?? [])])];
  const serving = await issueServerCert(ca, {
    commonName: `tskube-apiserver-${o.name}`,
    ipAddresses: addresses.filter((a) => isIP(a) !== 0 && a !== "0.0.0.0"),
    dnsNames: addresses.filter((a) => isIP(a) === 0),
  });
  // Node agents accept only cluster-CA client certificates with O=system:masters (agent contract).
  const agentCredentials = await issueClientCert(ca, {
    user: "kube-apiserver-kubelet-client",
    groups: ["system:masters"],
  });
  let api: ApiServer | null = null;
  const authenticator = createAuthenticator({
    ...(tokens === undefined ? {} : { tokens }),
    lookupBootstrapSecret: async (tokenId) => {
      if (api === null) return undefined;
      try {
        return (await api.core.get({
          user: SYSTEM,
          group: "",
          version: "v1",
          resource: "secrets",
          namespace: BOOTSTRAP_TOKEN_NAMESPACE,
          name: bootstrapSecretName(tokenId),
        })) as never;
      } catch (err) {
        if (err instanceof ApiError && err.reason === "NotFound") return undefined;
        throw err;
      }
    },
  });
  api = await startApiServer({
    storeEndpoints: o.storeEndpoints,
    listen: o.apiListen,
    tls: { certPem: serving.certPem, keyPem: serving.keyPem, caPem: ca.certPem },
    authenticate: (req: IncomingMessage) => {
      const peer = peerOf(req.socket as TLSSocket);
      return authenticator({ ...peer, authorization: req.headers.authorization });
    },
    authorize: clusterAuthorizer,
    agentCredentials,
    logger: o.logger,
    ca,
    ...(o.watchCacheSize === undefined ? {} : { watchHistory: o.watchCacheSize }),
  });
  if (o.grpcListen !== null) {
    const started = api;
    try {
      const grpcServer = await startObjectsGrpc(api.core, {
        listen: o.grpcListen,
        caPem: ca.certPem,
        certPem: serving.certPem,
        keyPem: serving.keyPem,
        authenticator,
        maxRequestBytes: MAX_BODY_BYTES,
      });
      o.logger.info({ listen: o.grpcListen, port: grpcServer.port }, "gRPC object API listening");
      return {
        ...started,
        close: async () => {
          grpcServer.close();
          await started.close();
        },
      };
    } catch (err) {
      await started.close();
      throw new Error(`--grpc-listen ${o.grpcListen}: ${(err as Error).message}`);
    }
  }
  return api;
}

interface Peer {
  readonly peerCertificate: PeerCertificateLike | undefined;
  readonly socketAuthorized: boolean;
}

/** A connection's client certificate is read once: keep-alive connections carry many requests. */
const peers = new WeakMap<TLSSocket, Peer>();

function peerOf(socket: TLSSocket): Peer {
  let peer = peers.get(socket);
  if (peer === undefined) {
    peer = {
      peerCertificate:
        typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate() : undefined,
      socketAuthorized: socket.authorized === true,
    };
    peers.set(socket, peer);
  }
  return peer;
}

async function withStore<T>(endpoints: readonly string[], run: (c: StoreClient) => Promise<T>): Promise<T> {
  const client = new StoreClient([...endpoints], { retryBudgetMs: 60_000 });
  try {
    return await run(client);
  } finally {
    client.close();
  }
}
