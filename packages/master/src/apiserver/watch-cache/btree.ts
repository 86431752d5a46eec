import sortedBtree from "sorted-btree";

// sorted-btree is CommonJS: Node hands its default export over as the module object, bundlers (vitest) as
// the class itself.
type BTreeClass = typeof sortedBtree.default;
export const BTree = ("default" in sortedBtree ? sortedBtree.default : sortedBtree) as BTreeClass;
