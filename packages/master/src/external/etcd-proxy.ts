import * as grpc from "@grpc/grpc-js";
import { loadStoreProtos } from "../grpc/protos.js";

// `tskube master --store etcd://…`: the master keeps no Raft state of its own and serves the same store API
// by relaying every call, byte for byte, to an external etcd cluster. Messages are not decoded (identity
// serializers), so whatever etcd answers — data, errors, stream ends — is what the client sees.

const identity = (b: Buffer): Buffer => b;

/** The store services a master serves: the same ones in both modes. */
const SERVICES = ["KV", "Watch", "Lease", "Cluster", "Maintenance"] as const;

export interface EtcdProxy {
  readonly services: ReadonlyArray<{
    definition: grpc.ServiceDefinition;
    handlers: grpc.UntypedServiceImplementation;
  }>;
  close(): void;
}

/**
 * One upstream channel over all etcd endpoints: pick_first connects to the first that answers and moves on
 * when it fails, so a dead etcd member costs a reconnect, not an outage.
 */
export function createEtcdProxy(endpoints: readonly string[]): EtcdProxy {
  const target = `ipv4:${endpoints.join(",")}`;
  const upstream = new grpc.Client(target, grpc.credentials.createInsecure(), {
    "grpc.service_config": JSON.stringify({ loadBalancingConfig: [{ pick_first: {} }] }),
    "grpc.max_receive_message_length": 64 * 1024 * 1024,
    "grpc.initial_reconnect_backoff_ms": 100,
    "grpc.max_reconnect_backoff_ms": 1000,
  });
  const protos = loadStoreProtos().etcdserverpb;
  const services = SERVICES.map((name) => {
    const original = protos[name].service;
    const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const [method, m] of Object.entries(original)) {
      definition[method] = {
        path: m.path,
        requestStream: m.requestStream,
        responseStream: m.responseStream,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      };
      handlers[method] = relay(upstream, m.path, m.requestStream, m.responseStream);
    }
    return { definition, handlers };
  });
  return { services, close: () => upstream.close() };
}

function callOptions(call: { getDeadline(): grpc.Deadline }): grpc.CallOptions {
  const deadline = call.getDeadline();
  return deadline === Number.POSITIVE_INFINITY ? {} : { deadline };
}

function relay(
  upstream: grpc.Client,
  path: string,
  requestStream: boolean,
  responseStream: boolean,
): grpc.UntypedHandleCall {
  if (!requestStream && !responseStream) {
    const unary: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      upstream.makeUnaryRequest(
        path,
        identity,
        identity,
        call.request,
        call.metadata,
        callOptions(call),
        (err, res) => (err === null ? callback(null, res) : callback(err)),
      );
    };
    return unary;
  }
  if (!requestStream) {
    const serverStream: grpc.handleServerStreamingCall<Buffer, Buffer> = (call) => {
      const up = upstream.makeServerStreamRequest(
        path,
        identity,
        identity,
        call.request,
        call.metadata,
        callOptions(call),
      );
      pipeResponses(up, call);
      call.on("cancelled", () => up.cancel());
    };
    return serverStream;
  }
  const bidi: grpc.handleBidiStreamingCall<Buffer, Buffer> = (call) => {
    const up = upstream.makeBidiStreamRequest(path, identity, identity, call.metadata, callOptions(call));
    call.on("data", (b: Buffer) => up.write(b));
    call.on("end", () => up.end());
    call.on("cancelled", () => up.cancel());
    pipeResponses(up, call);
  };
  return bidi;
}

function pipeResponses(
  up: grpc.ClientReadableStream<Buffer> | grpc.ClientDuplexStream<Buffer, Buffer>,
  down: grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>,
): void {
  up.on("data", (b: Buffer) => down.write(b));
  up.on("error", (err: grpc.ServiceError) => down.emit("error", err));
  up.on("end", () => down.end());
}
