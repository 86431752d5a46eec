import { compareElements, encodeElement, type Path, type PathElement } from "./path-element.js";

// A set of field paths as a tree, the shape structured-merge-diff gives managed fields: at each level the
// elements that are members (owned themselves) and the elements with owned paths below them. An element
// can be both, which FieldsV1 writes as a child object holding ".".

interface Child {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** A set from one level's members and the sets below its elements. */
  static fromParts(
    members: Iterable<PathElement>,
    children: Iterable<readonly [PathElement, FieldSet]>,
  ): FieldSet {
    const s = new FieldSet();
    for (const pe of members) s.members.set(encodeElement(pe), pe);
    for (const [pe, set] of children) if (!set.isEmpty()) s.children.set(encodeElement(pe), { pe, set });
    return s;
  }

  /** Adds a path (mutates; sets are built with this, then combined with the pure operations below). */
  insert(path: Path): void {
    if (path.length === 0) return; // the root is implied, never a member
    let level: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) {
      const pe = path[i] as PathElement;
      const id = encodeElement(pe);
      let child = level.children.get(id);
      if (child === undefined) {
        child = { pe, set: new FieldSet() };
        level.children.set(id, child);
      }
      level = child.set;
    }
    const last = path[path.length - 1] as PathElement;
    level.members.set(encodeElement(last), last);
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(encodeElement(pe));
  }

  child(pe: PathElement): FieldSet | undefined {
    return this.children.get(encodeElement(pe))?.set;
  }

  /** Whether the path itself is a member (not merely a prefix of members). */
  has(path: Path): boolean {
    if (path.length === 0) return false;
    let level: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && level !== undefined; i++)
      level = level.child(path[i] as PathElement);
    return level?.hasMember(path[path.length - 1] as PathElement) ?? false;
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  /** Member elements in structured-merge-diff's order. */
  memberElements(): PathElement[] {
    return [...this.members.values()].sort(compareElements);
  }

  /** Elements with paths below them, in structured-merge-diff's order. */
  childEntries(): [PathElement, FieldSet][] {
    return [...this.children.values()]
      .filter((c) => !c.set.isEmpty())
      .sort((a, b) => compareElements(a.pe, b.pe))
      .map((c) => [c.pe, c.set]);
  }

  /** Every member path: this level's members first, then each child's, as the API server iterates them. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = this.memberElements().map((pe) => [...prefix, pe]);
    for (const [pe, set] of this.childEntries()) out.push(...set.paths([...prefix, pe]));
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const s of [this, other]) {
      for (const [id, pe] of s.members) out.members.set(id, pe);
    }
    const ids = new Set([...this.children.keys(), ...other.children.keys()]);
    for (const id of ids) {
      const a = this.children.get(id);
      const b = other.children.get(id);
      const pe = (a ?? b)?.pe;
      if (pe === undefined) continue;
      const set = a && b ? a.set.union(b.set) : (a ?? b)?.set;
      if (set !== undefined && !set.isEmpty()) out.children.set(id, { pe, set });
    }
    return out;
  }

  /**
   * Members of this set not members of `other`; below each element, the difference with `other`'s paths
   * below it. Like structured-merge-diff, a member of `other` does not remove this set's paths below it.
   */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const o = other.children.get(id);
      const set = o === undefined ? c.set : c.set.difference(o.set);
      if (!set.isEmpty()) out.children.set(id, { pe: c.pe, set });
    }
    return out;
  }

  /** Like difference, but a member of `other` also removes everything below it from this set. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      if (other.members.has(id)) continue;
      const o = other.children.get(id);
      const set = o === undefined ? c.set : c.set.recursiveDifference(o.set);
      if (!set.isEmpty()) out.children.set(id, { pe: c.pe, set });
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (other.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const o = other.children.get(id);
      if (o === undefined) continue;
      const set = c.set.intersection(o.set);
      if (!set.isEmpty()) out.children.set(id, { pe: c.pe, set });
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }
}
