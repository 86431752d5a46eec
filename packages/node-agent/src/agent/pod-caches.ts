// The agent's watch caches besides its pods: ConfigMaps, Secrets and Services, as kubelet's watch-based
// managers keep them. A changed ConfigMap or Secret re-syncs the pods that use it.
import type { ObjectClient } from "@tskube/api/client";
import { Informer } from "./informer.js";
import type { AgentLogger } from "./logger.js";
import type { PodSources } from "./pod-context.js";

export type ReferenceChange = (kind: "configMaps" | "secrets", namespace: string, name: string) => void;

export class PodCaches implements PodSources {
  private readonly configMaps: Informer<"configmaps">;
  private readonly secrets: Informer<"secrets">;
  private readonly serviceCache: Informer<"services">;

  constructor(client: ObjectClient, changed: ReferenceChange, log: AgentLogger) {
    const on = (kind: "configMaps" | "secrets") => {
      const notify = (o: { metadata?: { namespace?: string; name?: string } }) =>
        changed(kind, o.metadata?.namespace ?? "", o.metadata?.name ?? "");
      return { upsert: notify, deleted: notify };
    };
    this.configMaps = new Informer(client, "configmaps", on("configMaps"), log);
    this.secrets = new Informer(client, "secrets", on("secrets"), log);
    this.serviceCache = new Informer(client, "services", {}, log);
  }

  start(): void {
    for (const i of [this.configMaps, this.secrets, this.serviceCache]) i.start();
  }

  stop(): void {
    for (const i of [this.configMaps, this.secrets, this.serviceCache]) i.stop();
  }

  configMap(namespace: string, name: string) {
    return this.configMaps.get(`${namespace}/${name}`);
  }

  secret(namespace: string, name: string) {
    return this.secrets.get(`${namespace}/${name}`);
  }

  services(namespace: string) {
    return this.serviceCache.all().filter((s) => s.metadata?.namespace === namespace);
  }
}
