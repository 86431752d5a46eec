// Kubernetes reports every validation problem against a path into the object ("spec.containers[2].image").
// Clients (kubectl, scripts, UIs) match on that text, so the rendering must be exactly the API server's.

type Step =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "key"; readonly key: string };

/** An immutable path into an object; every method returns a new path and leaves this one alone. */
export class FieldPath {
  private constructor(private readonly steps: readonly Step[]) {}

  /** A path starting at a top-level field; extra names descend further (`root("spec", "template")`). */
  static root(name: string, ...more: string[]): FieldPath {
    return new FieldPath([]).child(name, ...more);
  }

  /** Descends into a named field (and optionally further names in order). */
  child(name: string, ...more: string[]): FieldPath {
    const added: Step[] = [name, ...more].map((n) => ({ kind: "name", name: n }));
    return new FieldPath([...this.steps, ...added]);
  }

  /** Descends into a list element: `containers[2]`. */
  index(i: number): FieldPath {
    return new FieldPath([...this.steps, { kind: "index", index: i }]);
  }

  /** Descends into a map entry: `labels[app]` (the key is written raw, unquoted, as Kubernetes does). */
  key(k: string): FieldPath {
    return new FieldPath([...this.steps, { kind: "key", key: k }]);
  }

  /**
   * Names join with ".", subscripts attach with "[…]". An empty name renders as "[]", as it does upstream:
   * a root made from "" (used for whole-object errors) shows as "[]" in real API server messages.
   */
  toString(): string {
    let out = "";
    this.steps.forEach((step, i) => {
      if (step.kind === "name" && step.name.length > 0) {
        out += (i > 0 ? "." : "") + step.name;
      } else if (step.kind === "index") {
        out += `[${step.index}]`;
      } else if (step.kind === "key") {
        out += `[${step.key}]`;
      } else {
        out += "[]";
      }
    });
    return out;
  }
}

/** Shorthand for `FieldPath.root(...)`, reading like Kubernetes' `field.NewPath`. */
export function root(name: string, ...more: string[]): FieldPath {
  return FieldPath.root(name, ...more);
}
