import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./validation-messages.js";

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => [i.path.join("."), i.message]);

describe("validation messages in natural Japanese", () => {
  it("says lengths, sizes and choices the way a form does", () => {
    const schema = z.object({
      name: z.string().max(100),
      memo: z.string().max(20_000),
      code: z.string().min(3),
      title: z.string().min(1),
      limit: z.number().int().max(200),
      page: z.number().min(1),
      tags: z.array(z.string()).min(1),
      sort: z.enum(["received_desc", "received_asc"]),
      email: z.email(),
      consent: z.boolean(),
      note: z.string(),
    });
    expect(
      messages(schema, {
        name: "あ".repeat(101),
        memo: "あ".repeat(20_001),
        code: "ab",
        title: "",
        limit: 500,
        page: 0,
        tags: [],
        sort: "newest",
        email: "hanako.example.jp",
        consent: "yes",
      }),
    ).toEqual([
      ["name", "100文字以内で入力してください"],
      ["memo", "20,000文字以内で入力してください"],
      ["code", "3文字以上で入力してください"],
      ["title", "入力してください"],
      ["limit", "200以下で指定してください"],
      ["page", "1以上で指定してください"],
      ["tags", "1件以上で指定してください"],
      ["sort", "received_desc、received_asc のいずれかで指定してください"],
      ["email", "メールアドレスの形式が正しくありません"],
      ["consent", "true か false で指定してください"],
      ["note", "入力してください"],
    ]);
  });

  it("keeps a schema's own message", () => {
    expect(messages(z.string().max(3, "コードは3文字までです"), "abcd")).toEqual([
      ["", "コードは3文字までです"],
    ]);
  });

  it("stays in effect after zod's Japanese locale is configured again (as the server does)", () => {
    z.config(z.locales.ja());
    expect(messages(z.string().max(5), "あいうえおか")).toEqual([["", "5文字以内で入力してください"]]);
  });
});
