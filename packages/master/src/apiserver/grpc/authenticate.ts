import type * as grpc from "@grpc/grpc-js";
import { unauthorized } from "@tskube/api";
import type { UserInfo } from "../api-types.js";

/** What an authenticator may look at, the same for unary and streaming calls. */
export type CallCredentials = Pick<
  grpc.ServerUnaryCall<unknown, unknown>,
  "metadata" | "getPeer" | "getAuthContext"
>;

/**
 * Who is calling: from the TLS peer certificate (`call.getAuthContext()`) or the `authorization` metadata.
 * null means no credentials at all (answered 401); a bad credential throws its own ApiError.
 */
export type Authenticate = (call: CallCredentials) => Promise<UserInfo | null>;

export async function authenticated(call: CallCredentials, authenticate: Authenticate): Promise<UserInfo> {
  const user = await authenticate(call);
  if (user === null) throw unauthorized();
  return user;
}
