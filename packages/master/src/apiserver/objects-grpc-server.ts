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
  const credentials = grpc.experimental.createCertificateProviderServerCredentials(
    staticProvider({ caCertificate: Buffer.from(o.caPem) }),
    staticProvider(undefined, { certificate: Buffer.from(o.certPem), privateKey: Buffer.from(o.keyPem) }),
    false,
  );
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

function staticProvider(
  ca?: grpc.experimental.CaCertificateUpdate,
  identity?: grpc.experimental.IdentityCertificateUpdate,
): grpc.experimental.CertificateProvider {
  return {
    addCaCertificateListener: (l) => l(ca ?? null),
    removeCaCertificateListener: () => {},
    addIdentityCertificateListener: (l) => l(identity ?? null),
    removeIdentityCertificateListener: () => {},
  };
}
