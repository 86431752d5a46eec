import { SelectorError } from "./errors.js";
import { compareGoStrings } from "./go-text.js";
import { type LabelToken, lexLabelSelector, type ScannedToken } from "./label-lexer.js";
import {
  type LabelOperator,
  type LabelRequirement,
  labelKeyError,
  newRequirement,
} from "./label-requirement.js";

// A recursive-descent reading of the selector grammar with apimachinery's error texts, including its
// quirks (a missing ')' reports the token after '(', not the offending one), because clients match on them.

const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

const OPERATOR_OF: Partial<Record<LabelToken, LabelOperator>> = {
  in: "in",
  "=": "=",
  "==": "==",
  ">": "gt",
  "<": "lt",
  notin: "notin",
  "!=": "!=",
};

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly ScannedToken[]) {}

  // "in" and "notin" are keywords only where an operator is expected; elsewhere they are plain words.
  lookahead(asOperator = false): ScannedToken {
    const item = this.tokens[Math.min(this.position, this.tokens.length - 1)]!;
    if (!asOperator && (item.token === "in" || item.token === "notin")) {
      return { token: "identifier", literal: item.literal };
    }
    return item;
  }

  consume(asOperator = false): ScannedToken {
    const item = this.lookahead(asOperator);
    this.position++;
    return item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead();
      if (token === "end") return requirements;
      if (token !== "identifier" && token !== "!") {
        throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (err) {
        if (err instanceof SelectorError)
          throw new SelectorError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const after = this.consume();
      if (after.token === "end") return requirements;
      if (after.token !== ",") {
        throw new SelectorError(`found '${after.literal}', expected: ',' or 'end of string'`);
      }
      const next = this.lookahead();
      if (next.token !== "identifier" && next.token !== "!") {
        throw new SelectorError(`found '${next.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    let negated = false;
    let item = this.consume();
    if (item.token === "!") {
      negated = true;
      item = this.consume();
    }
    if (item.token !== "identifier") throw new SelectorError(`found '${item.literal}', expected: identifier`);
    const key = item.literal;
    // The parser runs without a field path, which Go prints as "<nil>".
    const keyErr = labelKeyError(key, "<nil>");
    if (keyErr !== undefined) throw new SelectorError(keyErr);
    // "!key" is complete whatever follows; what follows is then judged by the caller.
    if (negated) return newRequirement(key, "!", []);
    const next = this.lookahead().token;
    if (next === "end" || next === ",") return newRequirement(key, "exists", []);

    const op = this.consume(true);
    const operator = OPERATOR_OF[op.token];
    if (operator === undefined)
      throw new SelectorError(`found '${op.literal}', expected: ${BINARY_OPERATORS}`);
    const values =
      operator === "in" || operator === "notin" ? this.parseValueSet() : [this.parseExactValue()];
    return newRequirement(key, operator, values);
  }

  private parseExactValue(): string {
    const next = this.lookahead().token;
    if (next === "end" || next === ",") return "";
    const item = this.consume();
    if (item.token === "identifier") return item.literal;
    throw new SelectorError(`found '${item.literal}', expected: identifier`);
  }

  /** "(a,b)" as a sorted, de-duplicated list; empty slots ("()", "(a,)", "(,,)") stand for the empty value. */
  private parseValueSet(): string[] {
    const open = this.consume();
    if (open.token !== "(") throw new SelectorError(`found '${open.literal}' expected: '('`);
    const first = this.lookahead();
    let values: Set<string>;
    if (first.token === ")") {
      this.consume();
      values = new Set([""]);
    } else if (first.token === "identifier" || first.token === ",") {
      values = this.parseIdentifiers();
      if (this.consume().token !== ")") throw new SelectorError(`found '${first.literal}', expected: ')'`);
    } else {
      throw new SelectorError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    return [...values].sort(compareGoStrings);
  }

  private parseIdentifiers(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const item = this.consume();
      if (item.token === "identifier") {
        values.add(item.literal);
        const next = this.lookahead();
        if (next.token === ",") continue;
        if (next.token === ")") return values;
        throw new SelectorError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (item.token !== ",")
        throw new SelectorError(`found '${item.literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add("");
      const next = this.lookahead().token;
      if (next === ")") {
        values.add("");
        return values;
      }
      if (next === ",") {
        this.consume();
        values.add("");
      }
    }
  }
}

/** Parses selector text into requirements sorted by key (stable, so equal keys keep their order). */
export function parseRequirements(text: string): LabelRequirement[] {
  const requirements = new Parser(lexLabelSelector(text)).parse();
  return requirements.sort((a, b) => compareGoStrings(a.key, b.key));
}
