// A local cache of one resource kept current by list + watch, as client-go's informers: handlers see every
// change; a watch that ends or fails is re-established from a fresh list, and objects that vanished meanwhile
// are reported deleted. The agent keeps its pods, and the ConfigMaps, Secrets and Services they use, this way.
import type { ObjectClient, ResourceTypes } from "@tskube/api/client";
import type { AgentLogger } from "./logger.js";

type Watched = "pods" | "configmaps" | "secrets" | "services";

export interface InformerHandlers<T> {
  upsert?(obj: T): void;
  deleted?(obj: T): void;
  /** After the first complete list. */
  synced?(): void;
}

export interface InformerOptions<T> {
  readonly fieldSelector?: string;
  /** Cache key; default namespace/name. */
  readonly key?: (obj: T) => string;
}

interface Meta {
  metadata?: { namespace?: string; name?: string };
}

export function namespacedKey(obj: Meta): string {
  return `${obj.metadata?.namespace ?? ""}/${obj.metadata?.name ?? ""}`;
}

export class Informer<R extends Watched> {
  private readonly cache = new Map<string, ResourceTypes[R]>();
  private readonly key: (obj: ResourceTypes[R]) => string;
  private stopped = false;
  private closeWatch: (() => void) | undefined;
  private hasSynced = false;

  constructor(
    private readonly client: ObjectClient,
    private readonly resource: R,
    private readonly handlers: InformerHandlers<ResourceTypes[R]>,
    private readonly log: AgentLogger,
    private readonly options: InformerOptions<ResourceTypes[R]> = {},
  ) {
    this.key = options.key ?? namespacedKey;
  }

  get(key: string): ResourceTypes[R] | undefined {
    return this.cache.get(key);
  }

  all(): ResourceTypes[R][] {
    return [...this.cache.values()];
  }

  get size(): number {
    return this.cache.size;
  }

  get synced(): boolean {
    return this.hasSynced;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.closeWatch?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.listAndWatch();
      } catch (err) {
        if (!this.stopped) {
          this.log.warn(
            { resource: this.resource, err: (err as Error).message },
            "watch failed; listing again",
          );
        }
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private async listAndWatch(): Promise<void> {
    const selector =
      this.options.fieldSelector === undefined ? {} : { fieldSelector: this.options.fieldSelector };
    const list = await this.client.list(this.resource, selector);
    const seen = new Set<string>();
    for (const item of list.items as unknown as ResourceTypes[R][]) {
      const k = this.key(item);
      seen.add(k);
      this.cache.set(k, item);
      this.handlers.upsert?.(item);
    }
    for (const [k, obj] of this.cache) {
      if (!seen.has(k)) {
        this.cache.delete(k);
        this.handlers.deleted?.(obj);
      }
    }
    if (!this.hasSynced) {
      this.hasSynced = true;
      this.handlers.synced?.();
    }
    const watch = await this.client.watch(this.resource, {
      ...selector,
      resourceVersion: list.metadata.resourceVersion ?? "",
      retryBudgetMs: 30_000,
    });
    this.closeWatch = () => watch.close();
    try {
      for await (const ev of watch) {
        if (ev.type === "BOOKMARK") continue;
        const obj = ev.object as unknown as ResourceTypes[R];
        const k = this.key(obj);
        if (ev.type === "DELETED") {
          this.cache.delete(k);
          this.handlers.deleted?.(obj);
        } else {
          this.cache.set(k, obj);
          this.handlers.upsert?.(obj);
        }
      }
    } finally {
      this.closeWatch = undefined;
      watch.close();
    }
  }
}
