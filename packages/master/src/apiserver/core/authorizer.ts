import { authorize, forbiddenError } from "../../auth/index.js";
import type { ApiObject } from "../api-object.js";
import type { UserInfo } from "../api-types.js";

/** What a request does, in Kubernetes' authorization attributes. */
export interface RequestAttributes {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** The object as it will be stored (writes), for rules that look at content (NodeRestriction). */
  readonly object?: ApiObject;
  /** The stored object before the write. */
  readonly oldObject?: ApiObject;
}

/** Throws the 403 ApiError when `user` may not do it. */
export type Authorizer = (user: UserInfo, attributes: RequestAttributes) => void;

export const allowAll: Authorizer = () => {};

/** tskube's fixed roles and NodeRestriction (auth/authorize.ts), as the core's authorizer. */
export const clusterAuthorizer: Authorizer = (user, attributes) => {
  const decision = authorize(user, attributes);
  if (!decision.allowed) throw forbiddenError(user, attributes, decision);
};
