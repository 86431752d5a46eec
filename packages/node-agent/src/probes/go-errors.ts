// Kubelet's probe messages are Go's net/http and net error strings; users (and tests ported from
// Kubernetes docs) read them in events, so Node's errno codes are rendered the same way.

/** `host:port`, IPv6 hosts bracketed, as Go's net.JoinHostPort. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

const dialSuffix: Record<string, string> = {
  ECONNREFUSED: "connect: connection refused",
  EHOSTUNREACH: "connect: no route to host",
  ENETUNREACH: "connect: network is unreachable",
  EADDRNOTAVAIL: "connect: cannot assign requested address",
  ECONNRESET: "read: connection reset by peer",
  EPIPE: "write: broken pipe",
  ETIMEDOUT: "i/o timeout",
};

function errnoCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "string")
    return err.code;
  return undefined;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A failed dial as Go prints it: `dial tcp 10.244.0.5:8080: connect: connection refused`. */
export function dialError(host: string, port: number, err: unknown): string {
  const code = errnoCode(err);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `dial tcp: lookup ${host}: no such host`;
  const suffix = (code !== undefined ? dialSuffix[code] : undefined) ?? errorText(err);
  return `dial tcp ${joinHostPort(host, port)}: ${suffix}`;
}

export function dialTimeout(host: string, port: number): string {
  return `dial tcp ${joinHostPort(host, port)}: i/o timeout`;
}
