import {
  ApiError,
  alreadyExists,
  apiVersionOf,
  applyPatch,
  applyScale,
  checkKnownFields,
  conflict,
  convert,
  notFound,
  type ResourceInfo,
  recordUpdate,
  resourceRef,
  type Scalable,
  toScale as scaleOf,
  schemaFor,
  serverSideApply,
  unknownFieldError,
  unknownFieldWarnings,
} from "@tskube/api";
import type { Node, Service } from "kubernetes-types/core/v1.js";
import type { Logger } from "../../logger.js";
import type { PodCidrAllocator } from "../allocation/pod-cidr-allocator.js";
import type { Claim, ServiceAllocator } from "../allocation/service-allocator.js";
import type { ApiObject, PatchKind } from "../api-object.js";
import type {
  ApiCore,
  DeleteOptions,
  GetOptions,
  ListOptions,
  ListResult,
  PatchOptions,
  RequestScope,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
  WriteResult,
} from "../api-types.js";
import type { ObjectStorage, SideEffects, StoredObject } from "../storage/object-storage.js";
import type { WatchCache } from "../watch-cache/watch-cache.js";
import type { Authorizer } from "./authorizer.js";
import { strategyFor } from "./kind-strategy.js";
import { decodeContinue, encodeContinue } from "./list-continue.js";
import { parseFilter } from "./object-filter.js";
import { carryOver, generatedName, specChanged, stampCreate, timestamp } from "./object-meta.js";
import { keyOf, prefixOf, type Resolved, resolve } from "./resolve.js";
import { checkCreate, checkUpdate } from "./validate.js";
import { type MetricsSource, VirtualResources } from "./virtual-resources.js";
import { BOOKMARK_INTERVAL_MS, WatchSession } from "./watch-session.js";

export interface ApiServerCoreDeps {
  readonly storage: ObjectStorage;
  readonly cache: WatchCache;
  readonly allocator: ServiceAllocator;
  readonly podCidrs: PodCidrAllocator;
  readonly authorize: Authorizer;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** metrics.k8s.io's source; without one the metrics lists are empty. */
  readonly metrics?: MetricsSource;
}

/** How long a consistent read waits for the cache to reach the store's revision. */
const CACHE_WAIT_MS = 3_000;
/** A watch without timeoutSeconds ends after about this long (the API server's --min-request-timeout 1800 s, randomized). */
const DEFAULT_WATCH_SECONDS = 1800;
const CONFLICT_RETRIES = 10;

/**
 * The API server core: every request, whatever its front door, is resolved against the registry,
 * authorized, defaulted, validated and admitted here, then written with a guarded store transaction.
 * Reads of collections and all watches are served from the watch cache.
 */
export class ApiServerCore implements ApiCore {
  private readonly now: () => Date;
  private readonly virtual: VirtualResources;

  constructor(private readonly d: ApiServerCoreDeps) {
    this.now = d.now ?? (() => new Date());
    this.virtual = new VirtualResources(d.metrics);
  }

  // --- reads --------------------------------------------------------------------------------------------

  async get(scope: RequestScope, _options: GetOptions = {}): Promise<ApiObject> {
    const r = resolve(scope);
    const name = requireName(scope);
    this.authorize(scope, r, "get");
    if (r.info.storage === "virtual") return this.virtual.get(this, scope, r);
    const current = await this.read(r, name);
    if (scope.subresource === "scale") return toScale(current.object);
    return this.view(r, current.object);
  }

  async list(scope: RequestScope, options: ListOptions = {}): Promise<ListResult> {
    const r = resolve(scope);
    this.authorize(scope, r, "list");
    const filter = parseFilter(r.info, options.labelSelector, options.fieldSelector);
    const listKind = r.info.listKind;
    const apiVersion = apiVersionOf(r.info.group, r.version);
    if (r.info.storage === "virtual") {
      return {
        apiVersion,
        kind: listKind,
        metadata: { resourceVersion: String(this.d.cache.revision) },
        items: (await this.virtual.list(this, scope, r)).filter((o) => filter.matches(o)),
      };
    }
    const prefix = prefixOf(r);
    const limit = options.limit !== undefined && options.limit > 0 ? options.limit : 0;
    if (options.continue !== undefined && options.continue !== "") {
      return this.listFromStore(
        r,
        prefix,
        decodeContinue(options.continue, prefix),
        filter,
        limit,
        apiVersion,
      );
    }
    if (options.resourceVersionMatch === "Exact" && options.resourceVersion) {
      const rev = parseRevision(options.resourceVersion);
      return this.listFromStore(r, prefix, { revision: rev, startKey: prefix }, filter, limit, apiVersion);
    }
    await this.catchUp(options.resourceVersion);
    const revision = this.d.cache.revision;
    const items: ApiObject[] = [];
    let lastKey = "";
    let remaining = 0;
    for (const entry of this.d.cache.list(prefix)) {
      if (limit > 0 && items.length >= limit) {
        // Past the page: count what is left without parsing it; with a selector, "more" is enough.
        remaining++;
        if (!filter.everything) break;
        continue;
      }
      if (!filter.everything && !filter.matches(entry.object)) continue;
      items.push(this.view(r, entry.object));
      lastKey = entry.key;
    }
    const metadata: ListResult["metadata"] = { resourceVersion: String(revision) };
    if (remaining > 0) {
      metadata.continue = encodeContinue({ revision, startKey: `${lastKey}\0` });
      if (filter.everything) metadata.remainingItemCount = remaining;
    }
    return { apiVersion, kind: listKind, metadata, items };
  }

  async watch(
    scope: RequestScope,
    options: WatchOptions,
    sink: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    const r = resolve(scope);
    this.authorize(scope, r, "watch");
    const filter = parseFilter(r.info, options.labelSelector, options.fieldSelector);
    const rv = options.resourceVersion ?? "";
    const fromNow = rv === "" || rv === "0";
    if (rv === "") await this.catchUp("");
    else if (!fromNow) await this.catchUp(rv, true);
    const apiVersion = apiVersionOf(r.info.group, r.version);
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    let timer: NodeJS.Timeout | undefined;
    let bookmarks: NodeJS.Timeout | undefined;
    let unsubscribe: () => void = () => {};
    const session = new WatchSession({
      prefix: prefixOf(r),
      filter,
      view: (o) => this.view(r, o),
      sink,
      bookmark: options.allowWatchBookmarks
        ? (revision) => ({ kind: r.info.kind, apiVersion, metadata: { resourceVersion: String(revision) } })
        : null,
      onEnd: () => {
        clearTimeout(timer);
        clearInterval(bookmarks);
        unsubscribe();
        finish();
      },
    });
    if (fromNow) {
      // The current state as ADDED events, then every change after it: one synchronous step, so nothing
      // can slip in between.
      const revision = this.d.cache.revision;
      for (const entry of this.d.cache.list(prefixOf(r))) {
        if (filter.matches(entry.object)) session.send("ADDED", entry.object);
      }
      unsubscribe = this.d.cache.subscribe(session, revision);
    } else {
      try {
        unsubscribe = this.d.cache.subscribe(session, parseRevision(rv));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        // As the watch cache does: the 410 travels as an ERROR event in a 200 stream.
        sink({ type: "ERROR", object: err.toStatus() as ApiObject });
        session.end();
      }
    }
    if (session.isEnded) return { done, close: () => {} };
    const seconds = options.timeoutSeconds ?? DEFAULT_WATCH_SECONDS * (1 + Math.random());
    timer = setTimeout(() => session.end(), seconds * 1000);
    if (options.allowWatchBookmarks) {
      bookmarks = setInterval(() => session.bookmark(this.d.cache.revision), BOOKMARK_INTERVAL_MS);
    }
    return { done, close: () => session.end() };
  }

  // --- writes -------------------------------------------------------------------------------------------

  async create(scope: RequestScope, body: ApiObject, options: WriteOptions = {}): Promise<WriteResult> {
    const r = resolve(scope);
    if (r.info.storage === "virtual") {
      this.authorize(scope, r, "create");
      return { object: this.virtual.create(scope, r, body), warnings: [], created: true };
    }
    if (scope.subresource !== undefined) return this.createSubresource(scope, r, body, options);
    this.checkType(r, body);
    const known = this.knownFields(r, body, options.fieldValidation);
    const obj = this.toStorage(r, structuredClone(known.object));
    this.placeNamespace(r, obj);
    const generate = (obj.metadata?.name ?? "") === "" && (obj.metadata?.generateName ?? "") !== "";
    this.authorize(scope, r, "create", obj);
    await this.requireNamespace(r, obj.metadata?.name ?? "");
    for (let attempt = 0; ; attempt++) {
      const candidate = structuredClone(obj);
      if (generate)
        candidate.metadata = { ...candidate.metadata, name: generatedName(obj.metadata?.generateName ?? "") };
      try {
        const result = await this.createOnce(r, candidate, options, scope.user);
        return { ...result, warnings: known.warnings };
      } catch (err) {
        // A generated name that happens to exist: pick another, as the API server's retry does.
        if (generate && err instanceof ApiError && err.reason === "AlreadyExists" && attempt < 8) continue;
        throw err;
      }
    }
  }

  private async createOnce(
    r: Resolved,
    input: ApiObject,
    options: WriteOptions,
    user: RequestScope["user"],
  ): Promise<WriteResult> {
    const strategy = strategyFor(r.info.group, r.info.kind);
    stampCreate(input, this.now());
    let obj = strategy.defaults(strategy.prepareForCreate(input, user));
    obj = this.managed(r, undefined, obj, options.fieldManager, "Update");
    checkCreate(r.info.group, r.info.kind, obj);
    const name = obj.metadata?.name ?? "";
    const key = keyOf(r, name);
    const owner = `${r.namespace ?? ""}/${name}`;
    const avoid = new Set<string>();
    for (let attempt = 0; ; attempt++) {
      const candidate = structuredClone(obj);
      const claims = this.claimsFor(r, candidate, owner, avoid);
      if (options.dryRun) return { object: this.view(r, candidate), warnings: [], created: true };
      const outcome = await this.d.storage.write(key, candidate, 0, { claim: claims });
      if (outcome.ok)
        return {
          object: this.view(r, withRevision(candidate, outcome.revision)),
          warnings: [],
          created: true,
        };
      if (outcome.current !== undefined) throw alreadyExists(resourceRef(r.info), name);
      // A claimed IP or port was taken meanwhile: the client's own request is an error, ours we pick again.
      const takenKeys = await this.takenClaims(claims.map((c) => c.key));
      const requested = claims.find((c) => c.requested && takenKeys.has(c.key));
      if (requested !== undefined) throw this.takenError(r, candidate, requested);
      for (const k of takenKeys) avoid.add(k);
      if (attempt >= CONFLICT_RETRIES)
        throw new ApiError("ServiceUnavailable", "could not allocate: too much contention", {
          retryAfterSeconds: 1,
        });
    }
  }

  async update(scope: RequestScope, body: ApiObject, options: WriteOptions = {}): Promise<WriteResult> {
    const r = resolve(scope);
    const name = requireName(scope);
    if (scope.subresource === "scale") {
      return this.mutate(scope, r, name, options, (current) => fromScale(current, body), true, "update");
    }
    this.checkType(r, body);
    const known = this.knownFields(r, body, options.fieldValidation);
    const incoming = this.toStorage(r, structuredClone(known.object));
    this.placeNamespace(r, incoming);
    const bodyName = incoming.metadata?.name ?? "";
    if (bodyName !== name) {
      throw new ApiError(
        "BadRequest",
        `the name of the object (${bodyName}) does not match the name on the URL (${name})`,
      );
    }
    const rv = incoming.metadata?.resourceVersion;
    const result = await this.mutate(
      scope,
      r,
      name,
      options,
      () => incoming,
      rv === undefined || rv === "",
      "update",
    );
    return { ...result, warnings: known.warnings };
  }

  async patch(
    scope: RequestScope,
    kind: PatchKind,
    patch: unknown,
    options: PatchOptions = {},
  ): Promise<WriteResult> {
    const r = resolve(scope);
    const name = requireName(scope);
    const schema = schemaFor(r.info.group, r.info.kind, r.info.versions[0]);
    let warnings: readonly string[] = [];
    if (kind === "apply" && scope.subresource === undefined) {
      const known = this.knownFields(r, patch as ApiObject, options.fieldValidation);
      patch = known.object;
      warnings = known.warnings;
    }
    if (kind === "apply") {
      if (options.fieldManager === undefined || options.fieldManager === "") {
        throw new ApiError(
          "BadRequest",
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        );
      }
      const applied = this.toStorage(r, structuredClone(patch as ApiObject));
      const existing = await this.d.storage.get(keyOf(r, name));
      if (existing === undefined && scope.subresource === undefined) {
        this.checkType(r, applied);
        this.placeNamespace(r, applied);
        const created = serverSideApply({
          live: undefined,
          applied,
          manager: options.fieldManager,
          force: options.force ?? false,
          schema,
          apiVersion: apiVersionOf(r.info.group, r.info.versions[0] ?? r.version),
          now: timestamp(this.now()),
        }).object as ApiObject;
        this.authorize(scope, r, "create", created);
        await this.requireNamespace(r, name);
        return {
          ...(await this.createOnce(r, created, { ...options, fieldManager: undefined }, scope.user)),
          warnings,
        };
      }
    }
    const result = await this.mutate(
      scope,
      r,
      name,
      options,
      (current) => {
        if (scope.subresource === "scale") {
          const scale = applyPatch(
            kind === "apply" ? "merge" : kind,
            toScale(current),
            patch,
            undefined,
          ) as ApiObject;
          return fromScale(current, scale);
        }
        const live = this.view(r, current);
        if (kind === "apply") {
          return serverSideApply({
            live,
            applied: patch as object,
            manager: options.fieldManager ?? "",
            force: options.force ?? false,
            schema,
            apiVersion: apiVersionOf(r.info.group, r.version),
            now: timestamp(this.now()),
          }).object as ApiObject;
        }
        const patched = applyPatch(kind, live, patch, schema) as ApiObject;
        if (scope.subresource !== undefined) return this.toStorage(r, patched);
        const known = this.knownFields(r, patched, options.fieldValidation);
        warnings = known.warnings;
        return this.toStorage(r, known.object);
      },
      true,
      "patch",
      kind === "apply",
    );
    return { ...result, warnings };
  }

  async delete(scope: RequestScope, options: DeleteOptions = {}): Promise<ApiObject> {
    const r = resolve(scope);
    const name = requireName(scope);
    const key = keyOf(r, name);
    for (let attempt = 0; ; attempt++) {
      const current = await this.read(r, name);
      this.authorize(scope, r, "delete", undefined, current.object);
      const pre = options.preconditions;
      if (pre?.uid !== undefined && pre.uid !== current.object.metadata?.uid) {
        throw conflict(
          resourceRef(r.info),
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.object.metadata?.uid ?? ""}`,
        );
      }
      if (
        pre?.resourceVersion !== undefined &&
        pre.resourceVersion !== current.object.metadata?.resourceVersion
      ) {
        throw conflict(
          resourceRef(r.info),
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.object.metadata?.resourceVersion ?? ""}`,
        );
      }
      const graceful = this.gracefulDeletion(r, current.object, options);
      if (graceful !== null) {
        if (options.dryRun) return this.view(r, graceful);
        const outcome = await this.d.storage.write(key, graceful, current.modRevision);
        if (outcome.ok) return this.view(r, withRevision(graceful, outcome.revision));
      } else {
        if (options.dryRun) return this.view(r, current.object);
        const release = this.allocatedKeys(r, current.object);
        const outcome = await this.d.storage.remove(key, current.modRevision, { release });
        if (outcome.ok) return this.view(r, withRevision(current.object, outcome.revision));
      }
      if (attempt >= CONFLICT_RETRIES) throw conflict(resourceRef(r.info), name);
    }
  }

  // --- the shared update path ---------------------------------------------------------------------------

  /**
   * Read-modify-write with the store's revision as the guard. `change` builds the next object from the
   * stored one; with `retry` a lost race is re-run against the new state (unconditional updates and
   * patches), otherwise it is the client's 409.
   */
  private async mutate(
    scope: RequestScope,
    r: Resolved,
    name: string,
    options: WriteOptions,
    change: (current: ApiObject) => ApiObject,
    retry: boolean,
    verb: "update" | "patch" | "create",
    isApply = false,
  ): Promise<WriteResult> {
    const key = keyOf(r, name);
    const status = scope.subresource === "status";
    const strategy = strategyFor(r.info.group, r.info.kind);
    for (let attempt = 0; ; attempt++) {
      const current = await this.read(r, name);
      const old = current.object;
      let next = change(structuredClone(old));
      const rv = next.metadata?.resourceVersion;
      // A resourceVersion in the body (PUT) or in the patch is a precondition: stale means 409, never a retry.
      if (rv !== undefined && rv !== "" && rv !== old.metadata?.resourceVersion)
        throw conflict(resourceRef(r.info), name);
      carryOver(next, old);
      // An unconditional update writes over the version it read (validation expects one to be set).
      if (rv === undefined || rv === "")
        next.metadata = { ...next.metadata, resourceVersion: old.metadata?.resourceVersion };
      next.metadata = {
        ...next.metadata,
        name,
        ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
      };
      if (strategy.prepareForUpdate !== undefined) {
        next = strategy.prepareForUpdate(next, old, scope.subresource, this.now());
      } else if (strategy.statusSubresource) {
        if (status)
          next = {
            ...structuredClone(old),
            status: next.status,
            metadata: { ...old.metadata, ...pickStatusMeta(next) },
          };
        else if (scope.subresource !== "scale") next.status = structuredClone(old.status);
      }
      next = strategy.defaults(next);
      if (specChanged(next, old))
        next.metadata = { ...next.metadata, generation: (old.metadata?.generation ?? 0) + 1 };
      if (!isApply) next = this.managed(r, old, next, options.fieldManager, "Update", scope.subresource);
      checkUpdate(r.info.group, r.info.kind, next, old, status);
      this.authorize(scope, r, verb, next, old);
      let effects: SideEffects = {};
      let claims: ReturnType<ServiceAllocator["reallocate"]>["claims"] = [];
      if (r.info.kind === "Service" && !status) {
        const realloc = this.d.allocator.reallocate(
          next as Service,
          old as Service,
          `${r.namespace ?? ""}/${name}`,
          new Set(),
        );
        claims = realloc.claims;
        effects = { claim: claims, release: realloc.release };
      }
      // Finalizers all gone on an object being deleted: the update completes the deletion.
      const finishDeletion = deletionComplete(r, next);
      if (options.dryRun) return { object: this.view(r, next), warnings: [], created: false };
      const outcome = finishDeletion
        ? await this.d.storage.remove(key, current.modRevision, {
            release: this.allocatedKeys(r, old),
          })
        : await this.d.storage.write(key, next, current.modRevision, effects);
      if (outcome.ok) {
        const stored = withRevision(next, outcome.revision);
        const object = scope.subresource === "scale" ? toScale(stored) : this.view(r, stored);
        return { object, warnings: [], created: false };
      }
      if (
        outcome.current !== undefined &&
        outcome.current.modRevision === current.modRevision &&
        claims.length > 0
      ) {
        const taken = await this.takenClaims(claims.map((c) => c.key));
        const requested = claims.find((c) => taken.has(c.key));
        if (requested?.requested) throw this.d.allocator.taken(next as Service, requested);
      }
      if (outcome.current === undefined) throw notFound(resourceRef(r.info), name);
      if (!retry || attempt >= CONFLICT_RETRIES) throw conflict(resourceRef(r.info), name);
    }
  }

  // --- helpers ------------------------------------------------------------------------------------------

  /**
   * Unknown fields, as the API server's strict decoding finds them: 400 under fieldValidation=Strict, a
   * warning under Warn (the default), nothing under Ignore. They are never stored.
   */
  private knownFields(
    r: Resolved,
    obj: ApiObject,
    validation: WriteOptions["fieldValidation"],
  ): { object: ApiObject; warnings: readonly string[] } {
    const check = checkKnownFields(r.info.group, r.version, r.info.kind, obj);
    if (check.unknown.length === 0) return { object: obj, warnings: [] };
    if (validation === "Strict") throw unknownFieldError(r.info.kind, r.version, check.unknown);
    return {
      object: check.pruned as ApiObject,
      warnings: validation === "Ignore" ? [] : unknownFieldWarnings(check.unknown),
    };
  }

  private authorize(
    scope: RequestScope,
    r: Resolved,
    verb: string,
    object?: ApiObject,
    oldObject?: ApiObject,
  ): void {
    this.d.authorize(scope.user, {
      verb,
      group: r.info.group,
      resource: r.info.resource,
      ...(scope.subresource === undefined ? {} : { subresource: scope.subresource }),
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
      ...(scope.name === undefined ? {} : { name: scope.name }),
      ...(object === undefined ? {} : { object }),
      ...(oldObject === undefined ? {} : { oldObject }),
    });
  }

  private async read(r: Resolved, name: string): Promise<StoredObject> {
    const current = await this.d.storage.get(keyOf(r, name));
    if (current === undefined) throw notFound(resourceRef(r.info), name);
    return current;
  }

  /** Waits until the cache reflects `resourceVersion` ("" = the store's current revision, linearizably). */
  private async catchUp(resourceVersion: string | undefined, forWatch = false): Promise<void> {
    if (resourceVersion === "0") return;
    const target =
      resourceVersion === undefined || resourceVersion === ""
        ? await this.d.storage.currentRevision()
        : parseRevision(resourceVersion);
    if (await this.d.cache.waitFor(target, CACHE_WAIT_MS)) return;
    const e = new ApiError(
      "Timeout",
      `Too large resource version: ${target}, current: ${this.d.cache.revision}`,
      {
        causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version", field: "" }],
        retryAfterSeconds: 1,
      },
    );
    if (forWatch || resourceVersion !== "") throw e;
    throw new ApiError("ServiceUnavailable", "the watch cache is not ready", { retryAfterSeconds: 1 });
  }

  private async listFromStore(
    r: Resolved,
    prefix: string,
    from: { revision: number; startKey: string },
    filter: ReturnType<typeof parseFilter>,
    limit: number,
    apiVersion: string,
  ): Promise<ListResult> {
    const end = prefixEnd(prefix);
    const items: ApiObject[] = [];
    let startKey = from.startKey;
    let more = false;
    let lastKey = "";
    try {
      for (;;) {
        const page = await this.d.storage.range(startKey, end, from.revision, limit > 0 ? limit + 1 : 0);
        for (const o of page.objects) {
          if (limit > 0 && items.length >= limit) {
            more = true;
            break;
          }
          lastKey = o.key;
          if (filter.matches(o.object)) items.push(this.view(r, o.object));
        }
        if (more || !page.more || page.objects.length === 0) break;
        startKey = `${lastKey}\0`;
      }
    } catch (err) {
      if (err instanceof Error && "kind" in err && (err as { kind: string }).kind === "compacted") {
        throw new ApiError(
          "Expired",
          "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
        );
      }
      throw err;
    }
    const metadata: ListResult["metadata"] = { resourceVersion: String(from.revision) };
    if (more) metadata.continue = encodeContinue({ revision: from.revision, startKey: `${lastKey}\0` });
    return { apiVersion, kind: r.info.listKind, metadata, items };
  }

  /** The kind and apiVersion in a body must be the endpoint's (empty ones are filled in). */
  private checkType(r: Resolved, body: ApiObject): void {
    const expected = apiVersionOf(r.info.group, r.version);
    if (body.apiVersion !== undefined && body.apiVersion !== "" && body.apiVersion !== expected) {
      throw new ApiError(
        "BadRequest",
        `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (body.kind !== undefined && body.kind !== "" && body.kind !== r.info.kind) {
      throw new ApiError(
        "BadRequest",
        `${r.info.kind} in version "${r.version}" cannot be handled as a ${r.info.kind}: the kind in the data (${body.kind}) does not match the expected kind (${r.info.kind})`,
      );
    }
    if (
      body.metadata !== undefined &&
      (typeof body.metadata !== "object" || body.metadata === null || Array.isArray(body.metadata))
    ) {
      throw new ApiError(
        "BadRequest",
        `${r.info.kind} in version "${r.version}" cannot be handled as a ${r.info.kind}: metadata must be an object`,
      );
    }
  }

  private placeNamespace(r: Resolved, obj: ApiObject): void {
    const ns = obj.metadata?.namespace;
    if (!r.info.namespaced) {
      if (ns !== undefined && ns !== "") obj.metadata = { ...obj.metadata, namespace: undefined };
      delete obj.metadata?.namespace;
      return;
    }
    if (ns !== undefined && ns !== "" && ns !== r.namespace) {
      throw new ApiError(
        "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    obj.metadata = { ...obj.metadata, namespace: r.namespace };
  }

  private async requireNamespace(r: Resolved, name: string): Promise<void> {
    if (!r.info.namespaced || r.namespace === undefined) return;
    const key = `/registry/namespaces/${r.namespace}`;
    const ns = this.d.cache.get(key)?.object ?? (await this.d.storage.get(key))?.object;
    if (ns === undefined) throw notFound({ resource: "namespaces", group: "" }, r.namespace);
    if ((ns.status as { phase?: string } | undefined)?.phase === "Terminating") {
      throw new ApiError(
        "Forbidden",
        `${r.info.resource}${r.info.group === "" ? "" : `.${r.info.group}`} "${name}" is forbidden: unable to create new content in namespace ${r.namespace} because it is being terminated`,
        {
          causes: [
            {
              reason: "NamespaceTerminating",
              message: `namespace ${r.namespace} is being terminated`,
              field: "metadata.namespace",
            },
          ],
        },
      );
    }
  }

  /** Objects with finalizers, and pods on a node, are marked for deletion rather than removed. */
  private gracefulDeletion(r: Resolved, obj: ApiObject, options: DeleteOptions): ApiObject | null {
    const m = obj.metadata ?? {};
    const finalizers = m.finalizers ?? [];
    const namespace = r.info.kind === "Namespace";
    const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    const grace = options.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
    const boundPod = r.info.kind === "Pod" && (spec?.nodeName ?? "") !== "" && grace > 0;
    if (finalizers.length === 0 && !namespace && !boundPod) return null;
    if (m.deletionTimestamp !== undefined) {
      // Already terminating: a grace period of 0 (the node agent's final delete) removes it now.
      const now = options.gracePeriodSeconds === 0 && finalizers.length === 0 && !namespace;
      return now ? null : obj;
    }
    const next = structuredClone(obj);
    next.metadata = {
      ...next.metadata,
      deletionTimestamp: timestamp(new Date(this.now().getTime() + (boundPod ? grace * 1000 : 0))),
      deletionGracePeriodSeconds: boundPod ? grace : 0,
    };
    if (namespace) next.status = { ...(next.status as object), phase: "Terminating" };
    return next;
  }

  private managed(
    r: Resolved,
    before: ApiObject | undefined,
    after: ApiObject,
    manager: string | undefined,
    _op: "Update",
    subresource?: string,
  ): ApiObject {
    if (manager === undefined || manager === "") return after;
    return recordUpdate({
      before,
      after,
      manager,
      schema: schemaFor(r.info.group, r.info.kind, r.info.versions[0]),
      apiVersion: apiVersionOf(r.info.group, r.info.versions[0] ?? r.version),
      now: timestamp(this.now()),
      ...(subresource === undefined ? {} : { subresource }),
    }) as ApiObject;
  }

  /** What a new object claims in the store with its write: service IPs and node ports, a node's pod range. */
  private claimsFor(r: Resolved, obj: ApiObject, owner: string, avoid: ReadonlySet<string>): Claim[] {
    if (r.info.group !== "") return [];
    if (r.info.kind === "Service") return this.d.allocator.allocate(obj as Service, owner, avoid);
    if (r.info.kind === "Node") return this.d.podCidrs.allocate(obj as Node, owner, avoid);
    return [];
  }

  private takenError(r: Resolved, obj: ApiObject, claim: Claim): Error {
    return r.info.kind === "Node"
      ? this.d.podCidrs.taken(obj as Node, claim)
      : this.d.allocator.taken(obj as Service, claim);
  }

  /** The claimed keys a stored object holds, released with its deletion. */
  private allocatedKeys(r: Resolved, obj: ApiObject): string[] {
    if (r.info.group !== "") return [];
    if (r.info.kind === "Service") return this.d.allocator.keysOf(obj as Service);
    if (r.info.kind === "Node") return this.d.podCidrs.keysOf(obj as Node);
    return [];
  }

  private async takenClaims(keys: readonly string[]): Promise<Set<string>> {
    const taken = new Set<string>();
    for (const k of keys) if ((await this.d.storage.get(k)) !== undefined) taken.add(k);
    return taken;
  }

  private async createSubresource(
    scope: RequestScope,
    r: Resolved,
    body: ApiObject,
    options: WriteOptions,
  ): Promise<WriteResult> {
    if (r.info.kind === "Pod" && scope.subresource === "eviction") {
      // No PodDisruptionBudgets are served, so nothing can forbid an eviction: it is a delete with the
      // eviction's options (kubectl drain), answered with a Success Status as the API server does.
      requireName(scope);
      const deleteOptions = (body as { deleteOptions?: DeleteOptions }).deleteOptions ?? {};
      await this.delete(
        { ...scope, subresource: undefined },
        { ...deleteOptions, ...(options.dryRun ? { dryRun: true } : {}) },
      );
      return {
        object: { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 } as ApiObject,
        warnings: [],
        created: true,
      };
    }
    if (r.info.kind === "Pod" && scope.subresource === "binding") {
      const target = (body as { target?: { name?: string } }).target?.name ?? "";
      if (target === "") throw new ApiError("BadRequest", "binding target name is required");
      const name = requireName(scope);
      return this.mutate(
        { ...scope, subresource: undefined },
        r,
        name,
        options,
        (pod) => {
          const spec = (pod.spec ?? {}) as { nodeName?: string };
          if ((spec.nodeName ?? "") !== "")
            throw conflict(
              resourceRef(r.info),
              name,
              `pod ${name} is already assigned to node "${spec.nodeName}"`,
            );
          return { ...pod, spec: { ...spec, nodeName: target } };
        },
        true,
        "create",
      );
    }
    throw new ApiError("MethodNotAllowed", `the server does not allow this method on the requested resource`);
  }

  /** The stored (preferred-version) form of a client object. */
  private toStorage(r: Resolved, obj: ApiObject): ApiObject {
    const storageVersion = r.info.versions[0] ?? r.version;
    const out =
      r.version === storageVersion
        ? obj
        : (convert(obj, r.info.group, r.info.kind, r.version, storageVersion) as ApiObject);
    out.apiVersion = apiVersionOf(r.info.group, storageVersion);
    out.kind = r.info.kind;
    return out;
  }

  /** The client's view of a stored object: its version, with kind and apiVersion always set. */
  private view(r: Resolved, obj: ApiObject): ApiObject {
    const storageVersion = r.info.versions[0] ?? r.version;
    if (r.version === storageVersion) {
      if (obj.kind === r.info.kind && obj.apiVersion !== undefined) return obj;
      return { ...obj, kind: r.info.kind, apiVersion: apiVersionOf(r.info.group, r.version) };
    }
    const out = convert(obj, r.info.group, r.info.kind, storageVersion, r.version) as ApiObject;
    return { ...out, kind: r.info.kind, apiVersion: apiVersionOf(r.info.group, r.version) };
  }
}

/** An object marked for deletion whose finalizers are all gone and whose grace period is over. */
function deletionComplete(r: Resolved, obj: ApiObject): boolean {
  const m = obj.metadata;
  if (m?.deletionTimestamp === undefined || (m.finalizers?.length ?? 0) > 0) return false;
  if ((m.deletionGracePeriodSeconds ?? 0) > 0) return false;
  if (r.info.kind === "Namespace")
    return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) === 0;
  return true;
}

function requireName(scope: RequestScope): string {
  if (scope.name === undefined || scope.name === "")
    throw new ApiError("BadRequest", "resource name may not be empty");
  return scope.name;
}

function parseRevision(rv: string): number {
  if (!/^[0-9]+$/.test(rv)) {
    throw new ApiError("BadRequest", `resourceVersion: Invalid value: "${rv}": must be an integer`);
  }
  return Number(rv);
}

function withRevision(obj: ApiObject, revision: number): ApiObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}

function pickStatusMeta(obj: ApiObject): Record<string, unknown> {
  const m = obj.metadata ?? {};
  return m.managedFields === undefined ? {} : { managedFields: m.managedFields };
}

function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export type { ResourceInfo };

/** The autoscaling/v1 Scale view of a Deployment or ReplicaSet (the scale subresource). */
function toScale(obj: ApiObject): ApiObject {
  return scaleOf(obj as Scalable) as unknown as ApiObject;
}

/** A written Scale applied to its parent: only spec.replicas (and the resourceVersion precondition) move. */
function fromScale(parent: ApiObject, scale: ApiObject): ApiObject {
  return applyScale(parent as Scalable, scale as never) as ApiObject;
}
