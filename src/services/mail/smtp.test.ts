import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeHeader,
  type SmtpTestServer,
  startSmtpTestServer,
} from "../../../tests/helpers/smtp-test-server.js";
import { parseSmtpUrl, sendMail } from "./smtp.js";

describe("parseSmtpUrl", () => {
  it("is null when unset and reads host, port, user, from", () => {
    expect(parseSmtpUrl(undefined)).toBeNull();
    expect(parseSmtpUrl("  ")).toBeNull();
    expect(
      parseSmtpUrl("smtp://koe%40example.jp:p%40ss@mail.example.jp:2525?from=noreply@example.jp"),
    ).toEqual({
      host: "mail.example.jp",
      port: 2525,
      secure: false,
      user: "koe@example.jp",
      password: "p@ss",
      from: "noreply@example.jp",
      verifyTls: true,
    });
    expect(parseSmtpUrl("smtps://mail.example.jp")).toMatchObject({ port: 465, secure: true });
  });
  it("refuses other schemes with a Japanese message", () => {
    expect(() => parseSmtpUrl("http://mail.example.jp")).toThrow(/smtp:\/\//);
  });
});

describe("decodeHeader (the test server's reading of encoded words)", () => {
  it("reads UTF-8 and ISO-2022-JP encoded words", () => {
    expect(decodeHeader("=?UTF-8?B?5Y+X5LuY?= =?UTF-8?Q?=E3=81=AE?=")).toBe("受付の");
    expect(decodeHeader("=?ISO-2022-JP?B?GyRCJCIbKEI=?=")).toBe("あ");
  });
});

describe("sendMail through nodemailer to a real SMTP server", () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("sends a UTF-8 message whose encoded subject and body read as Japanese, with AUTH", async () => {
    const config = parseSmtpUrl(smtp.url("from=koe@example.jp", "user:secret"));
    if (!config) throw new Error("no config");
    const longSubject = "【声の日】お客様相談室の今週の声（新しい声 12件・感謝の声 3件・未完了の苦情 2件）";
    await sendMail(config, {
      to: "hanako@example.jp",
      subject: longSubject,
      text: "受付番号: 2026-000001\n共済金のお支払いについて、担当の方に感謝しています。\n以上",
    });
    const mail = smtp.mails.at(-1);
    expect(mail).toMatchObject({
      from: "koe@example.jp",
      to: ["hanako@example.jp"],
      auth: "user:secret",
      subject: longSubject,
    });
    expect(mail?.text.replace(/\r\n/g, "\n")).toBe(
      "受付番号: 2026-000001\n共済金のお支払いについて、担当の方に感謝しています。\n以上",
    );
    // The raw header is ASCII only (encoded words), as RFC 5322 requires.
    expect(mail?.headers.subject).toMatch(/^[\x20-\x7e]+$/);
    expect(mail?.headers["content-type"]).toMatch(/charset=utf-8/i);
  });

  it("rejects with the server's answer when the recipient is refused", async () => {
    const refusing = await startSmtpTestServer({ refuseRecipient: true });
    const config = parseSmtpUrl(refusing.url());
    if (!config) throw new Error("no config");
    await expect(sendMail(config, { to: "nobody@example.jp", subject: "x", text: "x" })).rejects.toThrow(
      /550/,
    );
    expect(refusing.mails).toHaveLength(0);
    await refusing.close();
  });

  it("cannot be made to add a header through the subject or a recipient", async () => {
    const config = parseSmtpUrl(smtp.url());
    if (!config) throw new Error("no config");
    await sendMail(config, { to: "a@example.jp", subject: "件名\r\nBcc: x@example.jp", text: "本文" });
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(["a@example.jp"]);
    expect(mail?.headers.bcc).toBeUndefined();
    await expect(
      sendMail(config, { to: "a@example.jp\r\nBcc: x@example.jp", subject: "x", text: "x" }),
    ).rejects.toThrow(/メールアドレス/);
  });
});
