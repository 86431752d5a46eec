import { randomInt } from "node:crypto";
import { request } from "node:https";
import { LabError } from "./errors.js";

// The few API server calls `lab up` makes itself, as the admin (a client certificate of system:masters).

export interface AdminCredentials {
  readonly server: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: string;
}

export function apiCall(
  creds: AdminCredentials,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 5_000,
): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${creds.server}${path}`,
      {
        method,
        ca: creds.caPem,
        cert: creds.certPem,
        key: creds.keyPem,
        timeout: timeoutMs,
        headers: payload === undefined ? {} : { "Content-Type": "application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new LabError("CommandFailed", `${method} ${path}: timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const pick = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** Kubernetes' bootstrap token format, [a-z0-9]{6}.[a-z0-9]{16}. */
export function newBootstrapToken(): { id: string; secret: string } {
  return { id: pick(6), secret: pick(16) };
}

/** The group the lab's join token grants besides system:bootstrappers (agent contract). */
export const NODE_TOKEN_GROUP = "system:bootstrappers:tskube:default-node-token";

/** Stores the kube-system Secret that makes the token valid (retried while the API server settles). */
export async function createBootstrapSecret(
  creds: AdminCredentials,
  token: { id: string; secret: string },
  timeoutMs = 30_000,
): Promise<void> {
  const stringData: Record<string, string> = {
    "token-id": token.id,
    "token-secret": token.secret,
    "usage-bootstrap-authentication": "true",
    "auth-extra-groups": NODE_TOKEN_GROUP,
    description: "tskube lab: worker join token",
  };
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${token.id}`, namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
    data: Object.fromEntries(
      Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
    ),
  };
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await apiCall(creds, "POST", "/api/v1/namespaces/kube-system/secrets", secret);
      if (res.status === 201 || res.status === 409) return;
      last = `${res.status} ${res.body}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new LabError("CommandFailed", `could not create the bootstrap token Secret: ${last}`);
}

interface NodeList {
  items?: { metadata?: { name?: string }; status?: { conditions?: { type?: string; status?: string }[] } }[];
}

/** Names of the Nodes whose Ready condition is True. */
export async function readyNodes(creds: AdminCredentials): Promise<Set<string>> {
  const res = await apiCall(creds, "GET", "/api/v1/nodes");
  if (res.status !== 200) return new Set();
  const list = JSON.parse(res.body) as NodeList;
  const ready = new Set<string>();
  for (const node of list.items ?? []) {
    const ok = node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
    if (ok && node.metadata?.name !== undefined) ready.add(node.metadata.name);
  }
  return ready;
}
