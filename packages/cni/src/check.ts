import type { CniEnv } from "./env.js";
import { CniCode, CniError } from "./errors.js";
import { showAddresses, showLink } from "./ip-command.js";
import { IpStore } from "./ip-store.js";
import { formatIpv4 } from "./ipv4.js";
import type { NetConf } from "./netconf.js";
import { prevAddresses, prevHostInterfaces } from "./result.js";
import { versionAtLeast } from "./versions.js";

function failed(msg: string): CniError {
  return new CniError(CniCode.CheckFailed, msg);
}

/** Is the attachment still what ADD made: allocation recorded, interface in the netns with that address? */
export async function check(conf: NetConf, env: CniEnv & { netns: string }): Promise<void> {
  if (!versionAtLeast(conf.cniVersion, "0.4.0"))
    throw new CniError(
      CniCode.IncompatibleVersion,
      `CHECK needs cniVersion 0.4.0 or later, got ${conf.cniVersion}`,
    );
  if (conf.prevResult === undefined) throw new CniError(CniCode.InvalidConfig, "CHECK needs prevResult");

  const held = await new IpStore(conf.ipam, conf.name).find(env.containerId, env.ifName);
  if (!held) throw failed(`no address is recorded for ${env.containerId}/${env.ifName}`);
  const address = `${formatIpv4(held.ip)}/${conf.ipam.subnet.prefix}`;
  if (!prevAddresses(conf.prevResult).includes(address))
    throw failed(`prevResult does not list the recorded address ${address}`);

  const pod = await showLink(env.netns, env.ifName).catch(() => undefined);
  if (!pod) throw failed(`${env.ifName} is missing in ${env.netns}`);
  if (pod.mtu !== conf.mtu) throw failed(`${env.ifName} has MTU ${pod.mtu}, config says ${conf.mtu}`);
  if (!(await showAddresses(env.netns, env.ifName)).includes(address))
    throw failed(`${env.ifName} in ${env.netns} does not carry ${address}`);

  for (const name of prevHostInterfaces(conf.prevResult)) {
    if (name === conf.bridge) continue;
    const host = await showLink(undefined, name);
    if (!host) throw failed(`host interface ${name} is missing`);
    if (host.master !== conf.bridge) throw failed(`${name} is not attached to ${conf.bridge}`);
    const hairpin = host.linkinfo?.info_slave_data?.hairpin === true;
    if (hairpin !== conf.hairpinMode) throw failed(`${name} has hairpin ${hairpin ? "on" : "off"}`);
  }
}
