import { describe, expect, it } from "vitest";
import { isNil, isUnset } from "../src/defaults/index.js";

describe("isUnset (Go non-pointer zero values)", () => {
  it.each([
    ["empty string", "", true],
    ["zero", 0, true],
    ["false", false, true],
    ["null", null, true],
    ["undefined", undefined, true],
    ["empty object", {}, true],
    ["non-empty string", "Always", false],
    ["non-zero number", 3, false],
    ["true", true, false],
    ["object with a key", { type: "" }, false],
    ["empty array", [], false],
  ])("%s → %s", (_name, value, expected) => {
    expect(isUnset(value)).toBe(expected);
  });
});

describe("isNil (Go pointer unset)", () => {
  it.each([
    [null, true],
    [undefined, true],
    [0, false],
    [false, false],
    ["", false],
    [{}, false],
  ])("%j → %s", (value, expected) => {
    expect(isNil(value)).toBe(expected);
  });
});
