import { access } from "node:fs/promises";
import type { CniEnv } from "./env.js";
import { IpStore } from "./ip-store.js";
import type { NetConf } from "./netconf.js";
import { deleteLink } from "./veth.js";

// DEL must succeed however much is already gone: no netns, no interface, no allocation.
export async function del(conf: NetConf, env: CniEnv): Promise<void> {
  if (env.netns !== undefined) {
    const present = await access(env.netns).then(
      () => true,
      () => false,
    );
    // Deleting the pod end removes the host end too; a vanished netns took both with it.
    if (present) await deleteLink(env.netns, env.ifName);
  }
  await new IpStore(conf.ipam, conf.name).release(env.containerId, env.ifName);
}
