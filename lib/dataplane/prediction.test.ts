import { describe, expect, it } from "vitest";
import { extractPrediction } from "./prediction";

describe("extractPrediction", () => {
  it("reads a top-level field as a string", () => {
    expect(extractPrediction('{"label":"billing","score":0.9}', "label")).toBe("billing");
    expect(extractPrediction('{"score":0.9}', "score")).toBe("0.9");
    expect(extractPrediction('{"fraud":true}', "fraud")).toBe("true");
  });

  it("is undefined for non-JSON, arrays, nested objects or a missing field", () => {
    expect(extractPrediction("oops", "label")).toBeUndefined();
    expect(extractPrediction("[1]", "label")).toBeUndefined();
    expect(extractPrediction('{"label":{"a":1}}', "label")).toBeUndefined();
    expect(extractPrediction('{"x":1}', "label")).toBeUndefined();
  });

  it("uses the whole body when no field is configured", () => {
    expect(extractPrediction("same", undefined)).toBe("same");
  });
});
