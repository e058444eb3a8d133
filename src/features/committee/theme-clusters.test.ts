import { describe, expect, it } from "vitest";
import { themeClusters } from "./theme-clusters.js";

describe("recurring themes", () => {
  it("groups reworded complaints about one thing and leaves unrelated voices out", () => {
    const texts = [
      { id: 1, content: "コールセンターに電話してもなかなかつながらない。待ち時間が長すぎる。" },
      { id: 2, content: "担当の方の説明がとても丁寧で安心しました。" },
      { id: 3, content: "電話がつながらない。コールセンターの待ち時間が長い。" },
      { id: 4, content: "何度電話してもコールセンターにつながらず、待ち時間が長かった。" },
      { id: 5, content: "共済金の請求書類の書き方がわかりにくい。" },
      { id: 6, content: "コールセンターの電話がつながらないので困っています。待ち時間を短くしてほしい。" },
    ];
    expect(themeClusters(texts)).toEqual([[1, 3, 4, 6]]);
    expect(themeClusters(texts, { minSize: 5 })).toEqual([]);
  });
});
