import { describe, expect, it } from "vitest";
import { PRIORITIES, ROLES, TAXONOMY_KINDS, VOICE_ACTIONS, VOICE_STATUSES } from "./api-contract.js";
import {
  ACTION_LABELS,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  labelOf,
  PRIORITY_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  TAXONOMY_KIND_LABELS,
} from "./labels-ja.js";

describe("labels", () => {
  it("cover every code of the contract", () => {
    expect(Object.keys(STATUS_LABELS)).toEqual([...VOICE_STATUSES]);
    expect(Object.keys(ROLE_LABELS)).toEqual([...ROLES]);
    expect(Object.keys(ACTION_LABELS)).toEqual([...VOICE_ACTIONS]);
    expect(Object.keys(PRIORITY_LABELS)).toEqual([...PRIORITIES]);
    expect(Object.keys(TAXONOMY_KIND_LABELS)).toEqual([...TAXONOMY_KINDS]);
    expect(Object.keys(EVENT_KIND_LABELS)).toEqual([...EVENT_KINDS]);
  });
  it("use the agreed words", () => {
    expect(STATUS_LABELS).toEqual({
      received: "受付",
      in_progress: "対応中",
      resolved: "対応済",
      closed: "完了",
      voided: "取消",
    });
    expect(ROLE_LABELS.cs).toBe("CS部門");
    expect(ROLE_LABELS.lead).toBe("責任者");
    expect(ACTION_LABELS.approve).toBe("承認して完了");
    expect(ACTION_LABELS.respond).toBe("回答を記録");
    expect(PRIORITY_LABELS.urgent).toBe("緊急");
    expect(EVENT_KIND_LABELS.customer_viewed).toBe("個人情報の閲覧");
    expect(EVENT_KIND_LABELS.type_changed).toBe("種別変更");
  });
  it("labelOf falls back to the code", () => {
    expect(labelOf(STATUS_LABELS, "resolved")).toBe("対応済");
    expect(labelOf(EVENT_KIND_LABELS, "imported")).toBe("imported");
    expect(labelOf(EVENT_KIND_LABELS, "toString")).toBe("toString");
  });
});
