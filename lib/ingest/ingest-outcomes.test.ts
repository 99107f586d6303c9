import { describe, expect, it } from "vitest";
import { textArray, utcTimestamp } from "./ingest-outcomes";

describe("textArray", () => {
  it("quotes every element, escapes quotes and backslashes, and writes NULL for null", () => {
    expect(textArray([])).toBe("{}");
    expect(textArray(["a", null, undefined, ""])).toBe('{"a",NULL,NULL,""}');
    expect(textArray(['say "hi"', "back\\slash", "NULL", "a,b {c}"])).toBe(
      '{"say \\"hi\\"","back\\\\slash","NULL","a,b {c}"}',
    );
  });
});

describe("utcTimestamp", () => {
  it("passes UTC instants with no or millisecond fractions through, and normalizes the rest as Date does", () => {
    expect(utcTimestamp("2026-03-01T10:00:04Z")).toBe("2026-03-01T10:00:04Z");
    expect(utcTimestamp("2026-03-01T10:00:04.123Z")).toBe("2026-03-01T10:00:04.123Z");
    expect(utcTimestamp("2026-03-01T12:00:04.123+02:00")).toBe("2026-03-01T10:00:04.123Z");
    expect(utcTimestamp("2026-03-01T10:00:09.9996Z")).toBe(new Date("2026-03-01T10:00:09.9996Z").toISOString());
    expect(utcTimestamp("2026-03-01T10:00:09.5Z")).toBe("2026-03-01T10:00:09.500Z");
  });
});
