import type { IncomingMessage } from "node:http";
import { Agent, request } from "node:https";
import { connect, type TLSSocket } from "node:tls";
import { ApiError } from "@tskube/api";
import { type AgentAddress, hostPort } from "./agent-address.js";

/** The API server's client certificate toward node agents (CN kube-apiserver-kubelet-client, O system:masters). */
export interface AgentCredentials {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface AgentGetOptions {
  /** Give up when no response has arrived by then; for streams only the connection is timed, not the body. */
  readonly timeoutMs?: number;
  /** Reuse connections (short requests such as /stats/summary); streams get a connection of their own. */
  readonly pooled?: boolean;
  readonly signal?: AbortSignal;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * HTTPS to node agents, as kube-apiserver talks to kubelets: it presents its client certificate and does not
 * verify the agent's self-signed serving certificate (no --kubelet-certificate-authority). Every failure is an
 * ApiError whose text is Go's, which kubectl users know: `Get "https://…": dial tcp …: connect: connection refused`.
 */
export class AgentClient {
  private readonly pool: Agent;

  constructor(private readonly creds: AgentCredentials) {
    this.pool = new Agent({
      keepAlive: true,
      maxSockets: 4,
      cert: creds.certPem,
      key: creds.keyPem,
      rejectUnauthorized: false,
    });
  }

  /** `GET path` on the agent; resolves with the response whatever its status. */
  get(address: AgentAddress, path: string, options: AgentGetOptions = {}): Promise<IncomingMessage> {
    const url = agentUrl(address, path);
    const timeoutMs = options.timeoutMs ?? CONNECT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const req = request({
        host: address.host,
        port: address.port,
        path,
        method: "GET",
        ...(options.pooled === true
          ? { agent: this.pool }
          : { agent: false, cert: this.creds.certPem, key: this.creds.keyPem, rejectUnauthorized: false }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      let connected = false;
      const timer = setTimeout(() => req.destroy(timeoutError()), timeoutMs);
      req.on("socket", (socket) => {
        // A pooled socket is already connected: then the whole exchange is timed.
        if (options.pooled === true) return;
        socket.once("secureConnect", () => {
          connected = true;
          clearTimeout(timer);
        });
      });
      req.on("response", (res) => {
        clearTimeout(timer);
        resolve(res);
      });
      req.on("error", (err) => {
        clearTimeout(timer);
        reject(agentError(url, address, err, connected));
      });
      req.end();
    });
  }

  /** A TLS connection to the agent (exec/attach upgrades are relayed over it byte for byte). */
  dial(address: AgentAddress, path: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<TLSSocket> {
    const url = agentUrl(address, path);
    return new Promise((resolve, reject) => {
      const socket = connect({
        host: address.host,
        port: address.port,
        cert: this.creds.certPem,
        key: this.creds.keyPem,
        rejectUnauthorized: false,
      });
      const timer = setTimeout(() => socket.destroy(timeoutError()), timeoutMs);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        reject(agentError(url, address, err, false));
      };
      socket.once("error", onError);
      socket.once("secureConnect", () => {
        clearTimeout(timer);
        socket.off("error", onError);
        resolve(socket);
      });
    });
  }

  close(): void {
    this.pool.destroy();
  }
}

export function agentUrl(address: AgentAddress, path: string): string {
  return `https://${hostPort(address)}${path}`;
}

function timeoutError(): Error {
  return Object.assign(new Error("i/o timeout"), { code: "ETIMEDOUT" });
}

// Go's wording for the dial errors a Node socket reports by errno.
const DIAL_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connect: connection refused",
  EHOSTUNREACH: "connect: no route to host",
  ENETUNREACH: "connect: network is unreachable",
  EADDRNOTAVAIL: "connect: cannot assign requested address",
  ETIMEDOUT: "i/o timeout",
};

function agentError(url: string, address: AgentAddress, err: Error, connected: boolean): ApiError {
  const code = (err as { code?: string }).code ?? "";
  const dial = DIAL_ERRORS[code];
  const why =
    dial !== undefined && !connected ? `dial tcp ${hostPort(address)}: ${dial}` : (dial ?? err.message);
  return new ApiError("InternalError", `Get "${url}": ${why}`, {
    name: address.nodeName,
    kind: "nodes",
  });
}
