import type * as grpc from "@grpc/grpc-js";
import {
  badRequest,
  decodeJson,
  decodeJsonObject,
  encodeJson,
  type ObjectsWire,
  toGrpcError,
} from "@tskube/api";
import type { ApiObject } from "../api-object.js";
import type { ApiCore, UserInfo, WriteResult } from "../api-types.js";
import { type Authenticate, authenticated } from "./authenticate.js";
import {
  deleteOptions,
  getOptions,
  listOptions,
  patchKind,
  patchOptions,
  writeOptions,
} from "./request-options.js";
import { scopeOf } from "./request-scope.js";
import { serveWatch } from "./watch-call.js";

/**
 * api.v1.Objects over the transport-neutral core: each call is authenticated, translated into the core's
 * scope and options, and answered with the object(s) as JSON, or with the ApiError as a gRPC status that
 * carries the whole Kubernetes Status (docs/grpc-api.md).
 */
export function objectsServiceHandlers(
  core: ApiCore,
  authenticate: Authenticate,
): ObjectsWire.ObjectsHandlers {
  const unary =
    <Req, Res>(handle: (request: Req, user: UserInfo) => Promise<Res>): grpc.handleUnaryCall<Req, Res> =>
    (call, callback) => {
      authenticated(call, authenticate)
        .then((user) => handle(call.request, user))
        .then(
          (response) => callback(null, response),
          (err: unknown) => callback(toGrpcError(err)),
        );
    };

  return {
    Get: unary<ObjectsWire.GetRequest, ObjectsWire.ObjectResponse>(async (req, user) => ({
      object: encodeJson(await core.get(scopeOf(req.target, user), getOptions(req))),
    })),

    List: unary<ObjectsWire.ListRequest, ObjectsWire.ListResponse>(async (req, user) => {
      const list = await core.list(scopeOf(req.target, user), listOptions(req));
      const m = list.metadata;
      return {
        apiVersion: list.apiVersion,
        kind: list.kind,
        resourceVersion: m.resourceVersion,
        continue: m.continue ?? "",
        ...(m.remainingItemCount === undefined ? {} : { remainingItemCount: m.remainingItemCount }),
        items: list.items.map(encodeJson),
      };
    }),

    Create: unary<ObjectsWire.CreateRequest, ObjectsWire.WriteResponse>(async (req, user) => {
      const scope = scopeOf(req.target, user);
      return written(await core.create(scope, body(req.object), writeOptions(req.options)));
    }),

    Update: unary<ObjectsWire.UpdateRequest, ObjectsWire.WriteResponse>(async (req, user) => {
      const scope = scopeOf(req.target, user);
      return written(await core.update(scope, body(req.object), writeOptions(req.options)));
    }),

    Patch: unary<ObjectsWire.PatchRequest, ObjectsWire.WriteResponse>(async (req, user) => {
      const scope = scopeOf(req.target, user);
      const kind = patchKind(req.type);
      const patch = decodeJson(req.patch, (why) => badRequest(`error decoding patch: ${why}`));
      return written(await core.patch(scope, kind, patch, patchOptions(req)));
    }),

    Delete: unary<ObjectsWire.DeleteRequest, ObjectsWire.ObjectResponse>(async (req, user) => ({
      object: encodeJson(await core.delete(scopeOf(req.target, user), deleteOptions(req))),
    })),

    Watch: (call) => serveWatch(call, core, authenticate),
  };
}

/** The request body, refused as the API server refuses a body it cannot read. */
function body(bytes: Buffer): ApiObject {
  return decodeJsonObject(bytes, (why) => badRequest(`couldn't get version/kind; json parse error: ${why}`));
}

function written(result: WriteResult): ObjectsWire.WriteResponse {
  return { object: encodeJson(result.object), warnings: [...result.warnings], created: result.created };
}
