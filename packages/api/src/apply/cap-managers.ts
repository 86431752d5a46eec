import { compareStrings } from "./json-value.js";
import { entrySeconds, type ManagerState, type Managers, managerId } from "./managers.js";

// Every distinct updater (kubectl-edit, kubectl-scale, each controller, per API version) gets its own
// entry, so a busy object would collect them without bound. Like the API server, keep at most ten Update
// entries and fold the oldest into one "ancient-changes" entry per API version.

export const MAX_UPDATE_MANAGERS = 10;
const BUCKET_MANAGER = "ancient-changes";

export function capUpdateManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): Managers {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === "Update");
  if (updaters.length <= max) return managers;
  const out: Managers = new Map(managers);
  updaters.sort(([ia, a], [ib, b]) => entrySeconds(a.time) - entrySeconds(b.time) || compareStrings(ia, ib));
  // The first (oldest) updater of each version becomes that version's bucket once a second one joins it.
  const firstOfVersion = new Map<string, string>();
  let count = updaters.length;
  for (const [id, state] of updaters) {
    if (count <= max) break;
    const bucketId = managerId(BUCKET_MANAGER, "Update", state.apiVersion, undefined);
    const first = firstOfVersion.get(state.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(state.apiVersion, id);
      continue;
    }
    let bucket = out.get(bucketId);
    if (bucket === undefined) {
      const firstState = out.get(first);
      out.delete(first);
      if (firstState === undefined) continue;
      bucket = asBucket(firstState);
    }
    out.delete(id);
    // The bucket takes the time of the newest update folded into it.
    out.set(bucketId, { ...bucket, set: state.set.union(bucket.set), time: state.time });
    count--;
  }
  return out;
}

function asBucket(state: ManagerState): ManagerState {
  return { ...state, manager: BUCKET_MANAGER, subresource: undefined };
}
