// Who a request comes from, once authenticated, and the well-known group and user names the rules use.

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
  readonly uid?: string;
}

/** May do anything (Kubernetes' cluster-admin binding). The admin client certificate carries it as O. */
export const GROUP_MASTERS = "system:masters";
/** Every authenticated user is in it. */
export const GROUP_AUTHENTICATED = "system:authenticated";
/** Node identities: user `system:node:<name>` in this group. */
export const GROUP_NODES = "system:nodes";
/** Bootstrap (join) tokens authenticate into this group. */
export const GROUP_BOOTSTRAPPERS = "system:bootstrappers";
/**
 * tskube's read-only role: get/list/watch on everything but Secrets (as Kubernetes' `view` role) and the
 * exec/attach/port-forward/proxy subresources. Give a static token this group in the token file's 4th column.
 */
export const GROUP_VIEW = "tskube:view";

export const NODE_USER_PREFIX = "system:node:";
export const BOOTSTRAP_USER_PREFIX = "system:bootstrap:";

/** The user with `system:authenticated` added once, as the API server adds it to every authenticated user. */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(GROUP_AUTHENTICATED)) return user;
  return { ...user, groups: [...user.groups, GROUP_AUTHENTICATED] };
}

/**
 * The node name of a node identity, or undefined when the user is not one. As Kubernetes' node identifier,
 * both the name prefix and the group are required; a node user with an empty name yields "".
 */
export function nodeNameOf(user: UserInfo): string | undefined {
  if (!user.name.startsWith(NODE_USER_PREFIX)) return undefined;
  if (!user.groups.includes(GROUP_NODES)) return undefined;
  return user.name.slice(NODE_USER_PREFIX.length);
}
