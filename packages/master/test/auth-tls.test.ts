// A real TLS handshake on loopback between Node's https server and client, with the certificates the CA issues,
// and the authenticator run on what the TLS layer reports.
import { createServer, request, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CertKeyPair,
  type ClusterCa,
  createAuthenticator,
  createClusterCa,
  issueClientCert,
  issueServerCert,
  parseTokenFile,
} from "../src/auth/index.js";

let ca: ClusterCa;
let otherCa: ClusterCa;
let admin: CertKeyPair;
let stranger: CertKeyPair;
let server: Server;
let port: number;

interface Reply {
  status: number;
  body: { authorized?: boolean; user?: unknown; error?: string };
}

beforeAll(async () => {
  ca = await createClusterCa();
  otherCa = await createClusterCa();
  admin = await issueClientCert(ca, { user: "admin", groups: ["system:masters"] });
  stranger = await issueClientCert(otherCa, { user: "admin", groups: ["system:masters"] });
  const serving = await issueServerCert(ca, { commonName: "m1", ipAddresses: ["127.0.0.1"] });
  const authenticate = createAuthenticator({ tokens: parseTokenFile("view-token,viewer,u2,tskube:view\n") });
  server = createServer(
    {
      key: serving.keyPem,
      cert: serving.certPem,
      ca: ca.certPem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      authenticate({
        peerCertificate: socket.getPeerCertificate(),
        socketAuthorized: socket.authorized,
        authorization: req.headers.authorization,
      }).then(
        (user) => {
          res.writeHead(user === null ? 401 : 200, { "content-type": "application/json" });
          res.end(JSON.stringify({ authorized: socket.authorized, user }));
        },
        (err: Error) => {
          res.writeHead(401, { "content-type": "application/json" });
          res.end(JSON.stringify({ authorized: socket.authorized, error: err.message }));
        },
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(options: { trust: string; client?: CertKeyPair; token?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/",
        ca: options.trust,
        agent: false,
        ...(options.client === undefined ? {} : { cert: options.client.certPem, key: options.client.keyPem }),
        headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("TLS with the cluster CA's certificates", () => {
  it("the client trusts the server certificate for 127.0.0.1, and the server accepts the admin client cert", async () => {
    const reply = await get({ trust: ca.certPem, client: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.authorized).toBe(true);
    expect(reply.body.user).toEqual({ name: "admin", groups: ["system:masters", "system:authenticated"] });
  });

  it("a client certificate from another CA connects but is not authorized, so the request is anonymous → 401", async () => {
    const reply = await get({ trust: ca.certPem, client: stranger });
    expect(reply.status).toBe(401);
    expect(reply.body.authorized).toBe(false);
    expect(reply.body.user).toBeNull();
  });

  it("an unauthorized certificate does not stop a bearer token from authenticating", async () => {
    const reply = await get({ trust: ca.certPem, client: stranger, token: "view-token" });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toEqual({
      name: "viewer",
      uid: "u2",
      groups: ["tskube:view", "system:authenticated"],
    });
  });

  it("no certificate and no token → anonymous (401); a wrong token → Unauthorized", async () => {
    expect((await get({ trust: ca.certPem })).body).toEqual({ authorized: false, user: null });
    const wrong = await get({ trust: ca.certPem, token: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe("Unauthorized");
  });

  it("a client that trusts another CA refuses the server", async () => {
    await expect(get({ trust: otherCa.certPem, client: admin })).rejects.toThrow(
      /self[- ]signed|unable to verify|certificate/i,
    );
  });
});
