import { describe, expect, it } from "vitest";
import { mayMention, mentionedUserIds } from "./mentions.js";

const users = [
  { id: 1, name: "責任 一郎" },
  { id: 2, name: "田中 花子" },
  { id: 3, name: "田中　次郎" },
];

describe("mentionedUserIds", () => {
  it("finds whole names with or without the space, and full-width ＠", () => {
    expect(mentionedUserIds("@責任 一郎 さん、確認をお願いします", users)).toEqual([1]);
    expect(mentionedUserIds("＠田中花子 さんと @田中次郎 さんへ", users)).toEqual([2, 3]);
  });
  it("does not notify by a family name alone or without @", () => {
    expect(mentionedUserIds("@田中 さんに聞いてください", users)).toEqual([]);
    expect(mentionedUserIds("責任 一郎さんが対応済", users)).toEqual([]);
  });
});

describe("mayMention", () => {
  it("is true only for a text with @ or ＠, so other comments read no list of users", () => {
    expect(mayMention("＠田中花子 さん、確認をお願いします")).toBe(true);
    expect(mayMention("@責任 一郎 さん")).toBe(true);
    expect(mayMention("お客さまへ折り返しの電話を入れた。")).toBe(false);
  });
});
