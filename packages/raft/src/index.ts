export * from "./types.js";
export * from "./errors.js";
export { seededRandom } from "./random.js";
