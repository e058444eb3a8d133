/**
 * The members' public voice form: a submission becomes an unassigned web-channel voice with a receipt number
 * and a secret check code (stored hashed); the status lookup with both tells the status and nothing else.
 */
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/database.js";
import { jstDate } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { AppError, invalidInput } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import type { Mailer } from "../../services/mail/smtp.js";
import type { VoiceStatus } from "../../shared/api-contract.js";
import {
  PUBLIC_CONTENT_MAX,
  PUBLIC_STATUS_LABELS,
  PUBLIC_TOPICS,
  type PublicStatus,
} from "../../shared/constants.js";
import { normalizeText } from "../../shared/normalize.js";
import { registerVoice } from "../voices/register-voice.js";
import type { PublicVoiceInput, PublicVoiceReceipt, PublicVoiceStatus } from "./contract.js";

/** Where public submissions land: the web channel, the customer-service department, category その他. */
export const PUBLIC_FORM_DEFAULTS = {
  channel: "web",
  department: "cs",
  category: "other",
  type: "request",
} as const;

// The form registers on behalf of nobody: created_by stays null; this actor only passes canRegister.
const PUBLIC_FORM_ACTOR: Actor = { id: 0, role: "cs", departmentId: null };

// Letters and digits that cannot be mistaken for each other when read aloud or copied by hand (no 0/O, 1/I/L).
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

export function newCheckCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code as typed (full-width, lower case, spaces or hyphens) reduced to its characters. */
export function canonicalCheckCode(code: string): string {
  return code
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-ー－]/g, "");
}

export function hashCheckCode(code: string): string {
  return createHash("sha256").update(canonicalCheckCode(code)).digest("hex");
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[0-9+\-() ]{6,20}$/;

const clean = (s: string | null | undefined): string | null => {
  if (s === undefined || s === null) return null;
  const t = normalizeText(s);
  return t === "" ? null : t;
};

const withCommas = (n: number) => n.toLocaleString("ja-JP");

/** Thrown when the honeypot is filled: answered like any refusal, and nothing is stored. */
export const REFUSED_MESSAGE =
  "送信内容を受け付けられませんでした。お手数ですが、ページを再読み込みしてもう一度お送りください";

export interface MailOptions {
  /** sends the receipt to the member's address when given (KOE_SMTP_URL set); mail is optional */
  mailer?: Mailer | null;
  /** the status page's address, written into the mail */
  statusUrl?: string;
  /** a mail that could not be sent is reported here; the submission itself stands */
  onMailError?: (err: unknown) => void;
}

/** A stored submission: its receipt, and the address to mail it to (sent after the commit: mailReceipt). */
export interface SubmittedVoice {
  voiceId: number;
  /** whether its words were written with it (false: the analyzer failed, the word indexer tries again later) */
  analysed: boolean;
  receipt: Omit<PublicVoiceReceipt, "emailed">;
  email: string | null;
}

export function receiptMail(receiptNumber: string, checkCode: string, statusUrl?: string) {
  return {
    subject: `お客さまの声を受け付けました（受付番号 ${receiptNumber}）`,
    text: [
      "このたびは貴重なお声をお寄せいただき、ありがとうございます。",
      "次の内容で受け付けました。",
      "",
      `受付番号: ${receiptNumber}`,
      `確認コード: ${checkCode}`,
      "",
      `対応の状況は、受付番号と確認コードで確認できます${statusUrl ? `: ${statusUrl}` : "。"}`,
      "",
      "このメールは送信専用です。お心当たりのない場合は、このメールを破棄してください。",
    ].join("\n"),
  };
}

/**
 * Stores a member's submission as a voice with its check code, in the caller's transaction (the route:
 * `db.transaction().execute((trx) => submitPublicVoice(trx, body))`, then mailReceipt after the commit).
 */
export async function submitPublicVoice(db: Db, input: PublicVoiceInput): Promise<SubmittedVoice> {
  if (input.website && input.website.trim() !== "") throw new AppError("invalid_input", REFUSED_MESSAGE);
  const fields: Record<string, string> = {};

  const topic = input.topic ? PUBLIC_TOPICS.find((t) => t.value === input.topic) : undefined;
  if (input.topic && !topic) fields.topic = "お問い合わせの種類を一覧から選んでください";

  const content = normalizeText(input.content ?? "");
  const chars = [...content].length;
  if (chars === 0) fields.content = "ご意見の内容を入力してください";
  else if (chars > PUBLIC_CONTENT_MAX)
    fields.content = `内容は${withCommas(PUBLIC_CONTENT_MAX)}文字以内で入力してください（現在 ${withCommas(chars)} 文字）`;

  const name = clean(input.name);
  if (name && [...name].length > 100) fields.name = "お名前は100文字以内で入力してください";
  const email = clean(input.email)?.toLowerCase() ?? null;
  if (email && (!EMAIL_RE.test(email) || email.length > 200))
    fields.email = "メールアドレスの形式が正しくありません（例: hanako@example.jp）";
  const phone = clean(input.phone);
  if (phone && !PHONE_RE.test(phone))
    fields.phone = "電話番号は数字とハイフンで入力してください（例: 090-1234-5678）";

  const contactConsent = input.contactConsent === true;
  if (contactConsent && !email && !phone)
    fields.contactConsent = "ご連絡を希望される場合は、メールアドレスか電話番号を入力してください";
  const personal = name !== null || email !== null || phone !== null;
  if (personal && input.privacyConsent !== true)
    fields.privacyConsent =
      "お名前・ご連絡先を入力された場合は、個人情報の取り扱いへの同意が必要です（同意されない場合は、お名前・ご連絡先を空欄にしてください）";

  if (Object.keys(fields).length > 0) throw invalidInput(fields, "入力内容をご確認ください");

  const checkCode = newCheckCode();
  const receivedAt = nowIso();
  const voice = await registerVoice(
    db,
    PUBLIC_FORM_ACTOR,
    {
      receivedAt,
      channel: PUBLIC_FORM_DEFAULTS.channel,
      type: topic?.value ?? PUBLIC_FORM_DEFAULTS.type,
      category: PUBLIC_FORM_DEFAULTS.category,
      department: PUBLIC_FORM_DEFAULTS.department,
      content,
      customer: personal || contactConsent ? { name, email, phone, contactConsent } : null,
    },
    { source: "public_form", createdBy: null },
  );
  await db
    .insertInto("public_receipts")
    .values({ voice_id: voice.id, code_hash: hashCheckCode(checkCode), created_at: receivedAt })
    .execute();
  return {
    voiceId: voice.id,
    analysed: voice.analysed,
    receipt: { receiptNumber: voice.receiptNumber, checkCode, receivedAt },
    email,
  };
}

/** Mails the receipt of a committed submission when the member gave an address and mail is set up. */
export async function mailReceipt(
  submitted: SubmittedVoice,
  opts: MailOptions = {},
): Promise<PublicVoiceReceipt> {
  const { receipt, email } = submitted;
  let emailed = false;
  if (email && opts.mailer) {
    try {
      await opts.mailer({
        to: email,
        ...receiptMail(receipt.receiptNumber, receipt.checkCode, opts.statusUrl),
      });
      emailed = true;
    } catch (err) {
      opts.onMailError?.(err);
    }
  }
  return { ...receipt, emailed };
}

const NOT_FOUND_MESSAGE =
  "受付番号または確認コードが正しくありません。受付時に表示された番号とコードをご確認ください";

function publicStatusOf(status: VoiceStatus): PublicStatus {
  // A voided voice is no longer being worked on: to the member, its handling has ended.
  return status === "voided" ? "closed" : status;
}

/** The status of a public submission; the same answer for an unknown number and a wrong code. */
export async function getPublicVoiceStatus(
  db: Db,
  receiptNumber: string,
  code: string,
): Promise<PublicVoiceStatus> {
  const number = receiptNumber.normalize("NFKC").trim();
  const row = await db
    .selectFrom("voices as v")
    .innerJoin("public_receipts as p", "p.voice_id", "v.id")
    .select(["v.receipt_number", "v.received_at", "v.status", "p.code_hash"])
    .where("v.receipt_number", "=", number)
    .executeTakeFirst();
  const given = Buffer.from(hashCheckCode(code), "hex");
  const stored = Buffer.from(row?.code_hash ?? "0".repeat(64), "hex");
  const match = given.length === stored.length && timingSafeEqual(given, stored);
  if (!row || !match || canonicalCheckCode(code) === "") throw new AppError("not_found", NOT_FOUND_MESSAGE);
  const status = publicStatusOf(row.status as VoiceStatus);
  return {
    receiptNumber: row.receipt_number,
    receivedOn: jstDate(row.received_at),
    status,
    statusLabel: PUBLIC_STATUS_LABELS[status],
  };
}
