import { adminKubeconfig, GROUP_MASTERS, issueClientCert, readClusterCa, StoreClient } from "@tskube/master";
import type { Command } from "commander";
import { LAB_API_SERVER, LAB_ENDPOINTS } from "../defaults.js";

interface KubeconfigFlags {
  endpoints: string;
  server: string;
  user: string;
  group: string[];
  context?: string;
  cluster: string;
  namespace: string;
  days: string;
}

/**
 * `tskube kubeconfig`: a kubeconfig for the real kubectl, with a client certificate signed by the cluster
 * CA (read from the store, where the first master put it). The default identity is an administrator
 * (group system:masters), as kubeadm's admin.conf.
 */
async function run(flags: KubeconfigFlags): Promise<void> {
  const client = new StoreClient(flags.endpoints, { deadlineMs: 5000, retryBudgetMs: 15_000 });
  try {
    const ca = await readClusterCa(client);
    if (ca === undefined) {
      throw new Error(
        `no cluster CA in the store at ${flags.endpoints}: has a master with an API server started yet?`,
      );
    }
    const groups = flags.group.length > 0 ? flags.group : [GROUP_MASTERS];
    const cert = await issueClientCert(ca, { user: flags.user, groups, days: Number(flags.days) });
    const text = adminKubeconfig({
      server: flags.server,
      caPem: ca.certPem,
      clientCertPem: cert.certPem,
      clientKeyPem: cert.keyPem,
      clusterName: flags.cluster,
      user: flags.user,
      contextName: flags.context ?? `${flags.user}@${flags.cluster}`,
      namespace: flags.namespace,
    });
    process.stdout.write(text);
  } catch (err) {
    process.stderr.write(`tskube kubeconfig: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    client.close();
  }
}

export function register(program: Command): void {
  program
    .command("kubeconfig")
    .description("print a kubeconfig for kubectl (client certificate signed by the cluster CA)")
    .option("--endpoints <list>", "store client endpoints of the masters (default: the lab's)", LAB_ENDPOINTS)
    .option("--server <url>", "API server URL kubectl connects to", LAB_API_SERVER)
    .option("--user <name>", "the certificate's user (CN)", "tskube-admin")
    .option(
      "--group <name>",
      "a group (O) of the certificate; repeatable (default system:masters)",
      collect,
      [],
    )
    .option("--cluster <name>", "the cluster's name in the kubeconfig", "tskube")
    .option("--context <name>", "the context's name (default USER@CLUSTER)")
    .option("--namespace <ns>", "the context's default namespace", "default")
    .option("--days <n>", "validity of the client certificate", "365")
    .action((flags: KubeconfigFlags) => run(flags));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
