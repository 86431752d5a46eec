import type { ApiHttpClient } from "./api-http-client.js";
import { podsPath } from "./api-pods.js";
import { median, round2 } from "./stats.js";

export interface ListRuns {
  readonly runs_ms: readonly number[];
  readonly median_ms: number;
  readonly max_ms: number;
  /** Response bytes of one run (all pages together when paged). */
  readonly bytes: number;
  /** Pods the run returned (the check that it read them all). */
  readonly items: number;
  /** Paged only: requests per run. */
  readonly pages?: number;
}

interface PodList {
  readonly metadata?: { readonly continue?: string; readonly resourceVersion?: string };
  readonly items?: readonly unknown[];
}

/**
 * `runs` unpaged LISTs of the namespace (`GET .../pods`, no limit), run k on master k mod 3; a run is the
 * time from sending the request to the last byte of the answer (decoding it is the client's, not timed).
 */
export async function timeFullList(
  http: ApiHttpClient,
  servers: readonly string[],
  namespace: string,
  runs: number,
): Promise<ListRuns> {
  const times: number[] = [];
  let bytes = 0;
  let items = Number.NaN;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const body = await http.expect(200, servers[k % servers.length] as string, "GET", podsPath(namespace));
    times.push(performance.now() - t0);
    bytes = body.length;
    items = (JSON.parse(body.toString("utf8")) as PodList).items?.length ?? 0;
  }
  return summary(times, bytes, items);
}

/**
 * `runs` paged LISTs as kubectl and client-go reflectors make them: `limit=pageSize`, then `continue` from
 * each answer until it is empty, all pages from one master (run k on master k mod 3). Each page is decoded
 * as it arrives, since the next request needs its continue token; that decoding is inside the time.
 */
export async function timePagedList(
  http: ApiHttpClient,
  servers: readonly string[],
  namespace: string,
  runs: number,
  pageSize: number,
): Promise<ListRuns> {
  const times: number[] = [];
  let bytes = 0;
  let items = 0;
  let pages = 0;
  for (let k = 0; k < runs; k++) {
    const server = servers[k % servers.length] as string;
    let token = "";
    bytes = 0;
    items = 0;
    pages = 0;
    const t0 = performance.now();
    do {
      const q = new URLSearchParams({ limit: String(pageSize) });
      if (token !== "") q.set("continue", token);
      const body = await http.expect(200, server, "GET", `${podsPath(namespace)}?${q}`);
      const page = JSON.parse(body.toString("utf8")) as PodList;
      bytes += body.length;
      items += page.items?.length ?? 0;
      pages++;
      token = page.metadata?.continue ?? "";
    } while (token !== "");
    times.push(performance.now() - t0);
  }
  return { ...summary(times, bytes, items), pages };
}

/** The resourceVersion of the namespace's pod list now (a one-item LIST), where watches start from. */
export async function listResourceVersion(
  http: ApiHttpClient,
  server: string,
  namespace: string,
): Promise<string> {
  const body = await http.expect(200, server, "GET", `${podsPath(namespace)}?limit=1`);
  const rv = (JSON.parse(body.toString("utf8")) as PodList).metadata?.resourceVersion;
  if (rv === undefined || rv === "") throw new Error("the pod list carries no resourceVersion");
  return rv;
}

function summary(times: number[], bytes: number, items: number): ListRuns {
  return {
    runs_ms: times.map(round2),
    median_ms: round2(median(times)),
    max_ms: round2(Math.max(...times)),
    bytes,
    items,
  };
}
