import { SelectorError } from "./errors.js";
import { compareGoStrings, goQuote } from "./go-text.js";

// Field selectors are flat "field=value" / "field!=value" terms joined by ','; values escape '\', ','
// and '=' with a backslash. Fields are not trimmed or validated here: that is the per-resource allow-list.

export type FieldOperator = "=" | "!=";

export interface FieldTerm {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

export type Fields = Readonly<Record<string, string>>;

/** A parsed field selector: the conjunction of its terms (none selects everything). */
export class ParsedFieldSelector {
  constructor(readonly terms: readonly FieldTerm[]) {}

  static readonly everything = new ParsedFieldSelector([]);

  get empty(): boolean {
    return this.terms.length === 0;
  }

  /** A missing field reads as "", as in Kubernetes (so "f!=x" matches objects without f). */
  matches(fields: Fields): boolean {
    return this.terms.every((t) => {
      const actual = Object.hasOwn(fields, t.field) ? fields[t.field]! : "";
      return t.operator === "=" ? actual === t.value : actual !== t.value;
    });
  }

  /** The value `field` must equal for any object to match, for index lookups (e.g. spec.nodeName). */
  requiresExactMatch(field: string): string | undefined {
    return this.terms.find((t) => t.field === field && t.operator === "=")?.value;
  }

  /** Canonical text: terms in the sorted order of their source text, "==" written "=", values escaped. */
  toString(): string {
    return this.terms.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(",");
  }
}

export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/** fields.UnescapeValue: only \\, \, and \= are escapes; a bare ',' or '=' is refused. */
export function unescapeFieldValue(value: string): string {
  let out = "";
  let inSlash = false;
  for (const ch of value) {
    if (inSlash) {
      if (ch !== "\\" && ch !== "," && ch !== "=") {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      inSlash = false;
    } else if (ch === "\\") {
      inSlash = true;
    } else if (ch === "," || ch === "=") {
      // Go formats the rune with %v, which prints its code point number.
      throw new SelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (inSlash) throw new SelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

/** Splits on commas that are not escaped; a backslash protects whatever follows it. */
function splitTerms(text: string): string[] {
  if (text.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inSlash) inSlash = false;
    else if (ch === "\\") inSlash = true;
    else if (ch === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

const TERM_OPERATORS = ["!=", "==", "="] as const;

/** The first position where an operator starts decides the split ("a!=b" is a != b, not "a!" = b). */
function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.ParseSelector: throws SelectorError with Kubernetes' message; "" selects everything. */
export function parseFieldSelector(text: string): ParsedFieldSelector {
  const parts = splitTerms(text).sort(compareGoStrings);
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const split = splitTerm(part);
    if (split === undefined)
      throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    terms.push({
      field: split.lhs,
      operator: split.op === "!=" ? "!=" : "=",
      value: unescapeFieldValue(split.rhs),
    });
  }
  return new ParsedFieldSelector(terms);
}

export function matchesFields(selector: ParsedFieldSelector, fields: Fields): boolean {
  return selector.matches(fields);
}

/**
 * The per-kind field label conversion: every field must be in `allowed` (after renaming through
 * `aliases`, e.g. Pods' legacy spec.host → spec.nodeName), else "field label not supported: X".
 * Returns the selector with aliases applied.
 */
export function checkFields(
  selector: ParsedFieldSelector,
  allowed: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): ParsedFieldSelector {
  const terms = selector.terms.map((t) => {
    const field = Object.hasOwn(aliases, t.field) ? aliases[t.field]! : t.field;
    if (!allowed.includes(field) && !Object.hasOwn(aliases, t.field)) {
      throw new SelectorError(`field label not supported: ${t.field}`);
    }
    return field === t.field ? t : { ...t, field };
  });
  return new ParsedFieldSelector(terms);
}

/** The fields every kind supports when it registers no conversion of its own. */
export const DEFAULT_SELECTABLE_FIELDS: readonly string[] = ["metadata.name", "metadata.namespace"];

/**
 * runtime.DefaultMetaV1FieldSelectorConversion, for kinds without their own list: only metadata.name and
 * metadata.namespace, with that function's different wording.
 */
export function checkDefaultFields(selector: ParsedFieldSelector): ParsedFieldSelector {
  for (const t of selector.terms) {
    if (!DEFAULT_SELECTABLE_FIELDS.includes(t.field)) {
      throw new SelectorError(
        `${goQuote(t.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
  }
  return selector;
}
