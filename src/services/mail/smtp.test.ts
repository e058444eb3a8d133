import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSmtp, startFakeSmtp } from "../../../tests/helpers/fake-smtp.js";
import { buildMessage, parseSmtpUrl, sendMail } from "./smtp.js";

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

describe("sendMail", () => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("sends a UTF-8 message with an encoded subject and AUTH PLAIN", async () => {
    const config = parseSmtpUrl(smtp.url("from=koe@example.jp", "user:secret"));
    if (!config) throw new Error("no config");
    await sendMail(config, {
      to: "hanako@example.jp",
      subject: "受付のお知らせ",
      text: "受付番号: 2026-000001\n以上",
    });
    const mail = smtp.mails.at(-1);
    expect(mail).toMatchObject({
      from: "koe@example.jp",
      to: ["hanako@example.jp"],
      auth: "\0user\0secret",
      subject: "受付のお知らせ",
      text: "受付番号: 2026-000001\r\n以上",
    });
    expect(mail?.data).toContain("Content-Type: text/plain; charset=UTF-8");
  });

  it("rejects with the server's answer when the recipient is refused", async () => {
    const refusing = await startFakeSmtp({ refuseRecipient: true });
    const config = parseSmtpUrl(refusing.url());
    if (!config) throw new Error("no config");
    await expect(sendMail(config, { to: "nobody@example.jp", subject: "x", text: "x" })).rejects.toThrow(
      /550/,
    );
    await refusing.close();
  });

  it("refuses header injection through the address", () => {
    expect(
      buildMessage("koe@example.jp", { to: "a@example.jp", subject: "件名\r\nBcc: x@example.jp", text: "" }),
    ).not.toMatch(/^Bcc:/m);
  });
});
