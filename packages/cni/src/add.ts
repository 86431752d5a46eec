import { access } from "node:fs/promises";
import { ensureBridge, ensureGatewayAddress } from "./bridge.js";
import type { CniEnv } from "./env.js";
import { CniCode, CniError } from "./errors.js";
import { ip, showLink } from "./ip-command.js";
import { IpStore } from "./ip-store.js";
import { formatIpv4 } from "./ipv4.js";
import type { NetConf, Route } from "./netconf.js";
import type { CniResult } from "./result.js";
import { attachToBridge, createVeth, deleteLink, hostVethName } from "./veth.js";

export async function add(conf: NetConf, env: CniEnv & { netns: string }): Promise<CniResult> {
  await access(env.netns).catch(() => {
    throw new CniError(CniCode.InvalidEnv, `CNI_NETNS ${env.netns} does not exist`);
  });
  if (await showLink(env.netns, env.ifName))
    throw new CniError(CniCode.CommandFailed, `${env.ifName} already exists in ${env.netns}`);

  const { ipam } = conf;
  const prefix = ipam.subnet.prefix;
  const gateway = formatIpv4(ipam.gateway);
  const bridge = await ensureBridge(conf.bridge, conf.mtu);

  const store = new IpStore(ipam, conf.name);
  const podIp = await store.allocate(env.containerId, env.ifName);
  const address = `${formatIpv4(podIp)}/${prefix}`;
  const hostName = hostVethName();
  try {
    await createVeth(hostName, env.netns, env.ifName, conf.mtu);
    await attachToBridge(hostName, conf.bridge, conf.hairpinMode);

    const routes: Route[] = [];
    if (conf.isDefaultGateway) routes.push({ dst: "0.0.0.0/0", gw: gateway });
    for (const r of ipam.routes) routes.push({ dst: r.dst, gw: r.gw ?? gateway });
    await ip(env.netns, ["addr", "add", address, "dev", env.ifName]);
    await ip(env.netns, ["link", "set", "dev", env.ifName, "up"]);
    // Routes go in the pod's own namespace only, via the bridge's gateway address.
    for (const r of routes) {
      const dst = r.dst === "0.0.0.0/0" ? "default" : r.dst;
      await ip(env.netns, ["route", "add", dst, "via", r.gw ?? gateway, "dev", env.ifName]);
    }
    if (conf.isGateway) await ensureGatewayAddress(conf.bridge, `${gateway}/${prefix}`);

    // MACs are read after everything is up: a bridge takes its MAC from its ports.
    const br = (await showLink(undefined, conf.bridge)) ?? bridge;
    const host = await showLink(undefined, hostName);
    const pod = await showLink(env.netns, env.ifName);
    if (!host || !pod) throw new CniError(CniCode.TryAgainLater, "the veth pair vanished during ADD");
    return {
      cniVersion: conf.cniVersion,
      interfaces: [
        { name: conf.bridge, mac: br.address },
        { name: hostName, mac: host.address },
        { name: env.ifName, mac: pod.address, sandbox: env.netns },
      ],
      ips: [{ address, gateway, interface: 2 }],
      routes,
      dns: conf.dns ?? {},
    };
  } catch (err) {
    // Leave nothing half-made: the address goes back to the pool and the pair (both ends) goes.
    await deleteLink(undefined, hostName).catch(() => undefined);
    await store.release(env.containerId, env.ifName).catch(() => undefined);
    throw err;
  }
}
