import { describe, expect, it } from "vitest";
import { age, humanDuration } from "../src/tables/index.js";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe("humanDuration (apimachinery duration.HumanDuration)", () => {
  it.each([
    [-2 * S, "<invalid>"],
    [-1 * S, "0s"],
    [-500, "0s"],
    [0, "0s"],
    [999, "0s"],
    [12 * S, "12s"],
    [119 * S, "119s"],
    [2 * M, "2m"],
    [5 * M + 3 * S, "5m3s"],
    [9 * M + 59 * S, "9m59s"],
    [10 * M + 30 * S, "10m"],
    [179 * M, "179m"],
    [3 * H, "3h"],
    [3 * H + 4 * M, "3h4m"],
    [7 * H + 59 * M, "7h59m"],
    [8 * H + 30 * M, "8h"],
    [47 * H, "47h"],
    [2 * D, "2d"],
    [2 * D + 3 * H, "2d3h"],
    [7 * D + 23 * H, "7d23h"],
    [8 * D + 5 * H, "8d"],
    [45 * D, "45d"],
    [729 * D, "729d"],
    [2 * Y, "2y"],
    [2 * Y + 10 * D, "2y10d"],
    [7 * Y + 364 * D, "7y364d"],
    [8 * Y + 100 * D, "8y"],
    [20 * Y, "20y"],
  ])("%d ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe("age", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  it("measures from an RFC 3339 timestamp to now", () => {
    expect(age("2026-01-10T11:59:48Z", now)).toBe("12s");
    expect(age("2026-01-08T09:00:00Z", now)).toBe("2d3h");
  });
  it("is <unknown> for an absent or unparsable timestamp", () => {
    expect(age(undefined, now)).toBe("<unknown>");
    expect(age("", now)).toBe("<unknown>");
    expect(age("yesterday-ish", now)).toBe("<unknown>");
  });
  it("tolerates one second of clock skew into the future", () => {
    expect(age("2026-01-10T12:00:01Z", now)).toBe("0s");
    expect(age("2026-01-10T12:00:05Z", now)).toBe("<invalid>");
  });
});
