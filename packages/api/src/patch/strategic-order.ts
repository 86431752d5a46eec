// Element order after a merge, as apimachinery's strategic merge patch settles it: items named by the patch
// (or by its $setElementOrder list) follow that order, items only the server has keep their relative order,
// and the two sequences are interleaved by where the server had them.

/** Identity of a list item: its merge key value for lists of maps, the value itself for primitives. */
export type ItemIdentity = (item: unknown) => unknown;

function indexIn(list: readonly unknown[], item: unknown, id: ItemIdentity): number {
  const wanted = id(item);
  return list.findIndex((candidate) => id(candidate) === wanted);
}

function sortBy(items: readonly unknown[], order: readonly unknown[], id: ItemIdentity): unknown[] {
  return items
    .map((item, position) => {
      const rank = indexIn(order, item, id);
      // Items the order does not name go last, in their current order.
      return { item, position, rank: rank < 0 ? Number.POSITIVE_INFINITY : rank };
    })
    .sort((a, b) => (a.rank === b.rank ? a.position - b.position : a.rank - b.rank))
    .map((entry) => entry.item);
}

/**
 * `merged` reordered: the items present in `patchOrder` sorted by it, the rest sorted by `serverOrder`, then
 * merged so that a server-only item goes first only when the server had it before the next patch item.
 */
export function settleOrder(
  merged: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  id: ItemIdentity,
): unknown[] {
  const named = merged.filter((item) => indexIn(patchOrder, item, id) >= 0);
  const serverOnly = merged.filter((item) => indexIn(patchOrder, item, id) < 0);
  const left = sortBy(serverOnly, serverOrder, id);
  const right = sortBy(named, patchOrder, id);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const l = indexIn(serverOrder, left[i], id);
      const r = indexIn(serverOrder, right[j], id);
      if (l >= 0 && r >= 0 && l < r) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
