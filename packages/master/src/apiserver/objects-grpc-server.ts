import { X509Certificate } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { objectsServiceDefinition } from "@tskube/api";
import type { Authenticator } from "../auth/index.js";
import type { ApiCore } from "./api-types.js";
import { objectsServiceHandlers } from "./grpc/index.js";

export interface ObjectsGrpcOptions {
  readonly listen: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly authenticator: Authenticator;
  /** Largest request accepted (the API server's body limit, 3 MiB). */
  readonly maxRequestBytes: number;
}

/**
 * The gRPC object API (api.v1.Objects) over TLS. Client certificates are asked for but not required, so
 * token-only clients can connect; a presented certificate counts only if it chains to the cluster CA
 * (checked here, as grpc-js cannot report the TLS layer's verdict without requiring certificates).
 */
export async function startObjectsGrpc(
  core: ApiCore,
  o: ObjectsGrpcOptions,
): Promise<{ port: number; close(): void }> {
  const ca = new X509Certificate(o.caPem);
  const credentials = new OptionalClientCertCredentials(o.caPem, o.certPem, o.keyPem);
  const server = new grpc.Server({ "grpc.max_receive_message_length": o.maxRequestBytes });
  server.addService(
    objectsServiceDefinition(),
    objectsServiceHandlers(core, async (call) => {
      const peer = call.getAuthContext()?.sslPeerCertificate;
      const token = call.metadata.get("authorization")[0];
      return o.authenticator({
        peerCertificate: peer,
        socketAuthorized: peer?.raw !== undefined && signedBy(peer.raw, ca),
        authorization: typeof token === "string" ? token : undefined,
      });
    }),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(o.listen, credentials, (err, p) => (err === null ? resolve(p) : reject(err))),
  );
  return { port, close: () => server.forceShutdown() };
}

function signedBy(raw: Buffer, ca: X509Certificate): boolean {
  try {
    const cert = new X509Certificate(raw);
    const now = Date.now();
    return (
      cert.checkIssued(ca) &&
      cert.verify(ca.publicKey) &&
      Date.parse(cert.validFrom) <= now &&
      now <= Date.parse(cert.validTo)
    );
  } catch {
    return false;
  }
}

/**
 * TLS that asks for a client certificate without requiring one (requestCert without rejectUnauthorized),
 * which grpc-js's own factories do not offer: createSsl either never asks or rejects certificate-less
 * clients.
 */
class OptionalClientCertCredentials extends grpc.ServerCredentials {
  constructor(caPem: string, certPem: string, keyPem: string) {
    super(
      { requestCert: true, rejectUnauthorized: false },
      { ca: Buffer.from(caPem), cert: [Buffer.from(certPem)], key: [Buffer.from(keyPem)] },
    );
  }

  _equals(other: grpc.ServerCredentials): boolean {
    return other === this;
  }
}
