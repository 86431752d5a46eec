import { pluginMain } from "@tskube/cni";
import type { Command } from "commander";

/**
 * `tskube cni`: the CNI plugin (bridge + veth + host-local-style IPAM). It takes no arguments: as every CNI
 * plugin, it reads CNI_COMMAND/CNI_CONTAINERID/CNI_NETNS/CNI_IFNAME/CNI_ARGS/CNI_PATH from the environment
 * and the netconf from stdin, and writes the result or the CNI error object to stdout (exit 0 / 1).
 */
export function register(program: Command): void {
  program
    .command("cni")
    .description("run the CNI plugin (CNI 1.0: ADD, DEL, CHECK, VERSION; env CNI_*, netconf on stdin)")
    .action(async () => {
      await pluginMain();
    });
}
