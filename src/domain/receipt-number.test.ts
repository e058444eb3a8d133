import { describe, expect, it } from "vitest";
import { formatReceiptNumber, parseReceiptNumber } from "./receipt-number.js";

describe("receipt numbers", () => {
  it("formats with a 6-digit sequence", () => {
    expect(formatReceiptNumber(2025, 123)).toBe("2025-000123");
    expect(formatReceiptNumber(2025, 1)).toBe("2025-000001");
    expect(formatReceiptNumber(2025, 999999)).toBe("2025-999999");
    expect(formatReceiptNumber(2025, 1234567)).toBe("2025-1234567");
  });
  it("rejects bad input", () => {
    expect(() => formatReceiptNumber(2025, 0)).toThrow(RangeError);
    expect(() => formatReceiptNumber(2025, 1.5)).toThrow(RangeError);
    expect(() => formatReceiptNumber(25, 1)).toThrow(RangeError);
  });
  it("parses", () => {
    expect(parseReceiptNumber("2025-000123")).toEqual({ fiscalYear: 2025, seq: 123 });
    expect(parseReceiptNumber(" ２０２５－０００１２３ ")).toEqual({ fiscalYear: 2025, seq: 123 });
    expect(parseReceiptNumber("2025-1234567")).toEqual({ fiscalYear: 2025, seq: 1234567 });
  });
  it("round-trips", () => {
    for (const [fy, seq] of [
      [2019, 1],
      [2025, 65893],
    ] as const) {
      expect(parseReceiptNumber(formatReceiptNumber(fy, seq))).toEqual({ fiscalYear: fy, seq });
    }
  });
  it("returns null for anything else", () => {
    for (const s of ["", "2025-123", "2025-000000", "25-000123", "2025/000123", "abc", "2025-000123x"]) {
      expect(parseReceiptNumber(s)).toBeNull();
    }
  });
});
