import { describe, expect, it } from "vitest";
import { editedAuditItems } from "./audit-item-lines.js";

const stored = [
  { id: 11, content: "受付記録の記入漏れをなくす" },
  { id: 12, content: "苦情の報告期限を守る" },
];

describe("an audit's items as edited, one a line", () => {
  it("keeps unchanged items, keeps the id of a reworded line, adds new lines", () => {
    expect(
      editedAuditItems(
        stored,
        "受付記録の記入漏れをなくす（様式の見直し）\n苦情の報告期限を守る\n\n記録の二重確認を行う",
      ),
    ).toEqual([
      { id: 11, content: "受付記録の記入漏れをなくす（様式の見直し）" },
      { id: 12, content: "苦情の報告期限を守る" },
      { content: "記録の二重確認を行う" },
    ]);
  });
  it("drops the items left out, even when the remaining one moved up a line", () => {
    expect(editedAuditItems(stored, "苦情の報告期限を守る")).toEqual([
      { id: 12, content: "苦情の報告期限を守る" },
    ]);
  });
});
