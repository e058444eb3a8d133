/** Checks a voice's input against the rules and the current labels; collects every problem by field. */
import { validateContent } from "../../domain/voice-rules.js";
import { invalidInput } from "../../errors.js";
import type { CustomerInput, Priority } from "../../shared/api-contract.js";
import { parseDateTimeJa, voiceDateProblem } from "../../shared/japanese-date.js";
import { normalizeText } from "../../shared/normalize.js";
import { KIND_LABELS_JA, type TaxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { CreateVoiceInput } from "./contract.js";

export interface ResolvedCustomer {
  name: string | null;
  kana: string | null;
  memberNumber: string | null;
  phone: string | null;
  email: string | null;
  prefecture: string | null;
  address: string | null;
  ageBand: string | null;
  gender: string | null;
  contactConsent: boolean;
}

export interface ResolvedVoiceFields {
  receivedAt?: string;
  channelId?: number;
  typeId?: number;
  typeCode?: string;
  categoryId?: number | null;
  productLineId?: number | null;
  departmentId?: number;
  content?: string;
  remedySought?: string | null;
  priority?: Priority;
  customer?: ResolvedCustomer | null;
  insurer?: { insurer: string | null; reportedAt: string | null; answer: string | null } | null;
}

const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
const text = (s: string | null | undefined): string | null => {
  if (s === undefined || s === null) return null;
  const t = normalizeText(s);
  return t === "" ? null : t;
};

export function resolveCustomer(c: CustomerInput | null | undefined): ResolvedCustomer | null {
  if (!c) return null;
  const r: ResolvedCustomer = {
    name: text(c.name),
    kana: text(c.kana),
    memberNumber: text(c.memberNumber),
    phone: text(c.phone),
    email: text(c.email)?.toLowerCase() ?? null,
    prefecture: text(c.prefecture),
    address: text(c.address),
    ageBand: text(c.ageBand),
    gender: text(c.gender),
    contactConsent: c.contactConsent ?? false,
  };
  const empty = Object.entries(r).every(([k, v]) => (k === "contactConsent" ? v === false : v === null));
  return empty ? null : r;
}

/**
 * Validates the fields present in `input` (all of them when `creating`), resolving labels by code,
 * name or id among the active ones. Throws 400 with one message per bad field.
 */
export function resolveVoiceInput(
  input: Partial<CreateVoiceInput>,
  tax: TaxonomyIndex,
  opts: { creating: boolean; now?: Date },
): ResolvedVoiceFields {
  const fields: Record<string, string> = {};
  const out: ResolvedVoiceFields = {};
  const now = opts.now ?? new Date();

  if (input.receivedAt === null || input.receivedAt?.trim() === "") {
    fields.receivedAt = "受付日時を入力してください";
  } else if (input.receivedAt !== undefined) {
    const d = parseDateTimeJa(input.receivedAt);
    if (!d.ok) fields.receivedAt = d.message;
    else if (Date.parse(d.iso) > now.getTime() + FUTURE_TOLERANCE_MS)
      fields.receivedAt = "受付日時が未来の日時になっています";
    else {
      const early = voiceDateProblem(d.date, "受付日時", now);
      if (early) fields.receivedAt = early;
      else out.receivedAt = d.iso;
    }
  } else if (opts.creating) fields.receivedAt = "受付日時を入力してください";

  const label = (
    key: "channel" | "type" | "category" | "productLine" | "department",
    kind: "channel" | "type" | "category" | "product_line" | "department",
    value: string | number | null | undefined,
    required: boolean,
  ): { id: number; code: string } | null | undefined => {
    if (value === undefined || value === null || value === "") {
      if (required && (opts.creating || value !== undefined))
        fields[key] = `${KIND_LABELS_JA[kind]}を選択してください`;
      return value === undefined ? undefined : null;
    }
    const found = tax.find(kind, value);
    if (!found) {
      fields[key] = `「${value}」は登録されていない${KIND_LABELS_JA[kind]}です`;
      return undefined;
    }
    if (!found.active) {
      fields[key] = `${KIND_LABELS_JA[kind]}「${found.name}」は廃止されているため選べません`;
      return undefined;
    }
    return { id: found.id, code: found.code };
  };

  const channel = label("channel", "channel", input.channel, true);
  if (channel) out.channelId = channel.id;
  const type = label("type", "type", input.type, true);
  if (type) {
    out.typeId = type.id;
    out.typeCode = type.code;
  }
  const category = label("category", "category", input.category, true);
  if (category) out.categoryId = category.id;
  const productLine = label("productLine", "product_line", input.productLine, false);
  if (productLine !== undefined) out.productLineId = productLine?.id ?? null;
  const department = label("department", "department", input.department, true);
  if (department) out.departmentId = department.id;

  if (input.content === null) fields.content = "内容を入力してください";
  else if (input.content !== undefined) {
    const content = normalizeText(input.content);
    const problem = validateContent(content);
    if (problem) fields.content = problem;
    else out.content = content;
  } else if (opts.creating) fields.content = "内容を入力してください";

  if (input.remedySought !== undefined) out.remedySought = text(input.remedySought);
  if (input.priority !== undefined) out.priority = input.priority;
  if (input.customer !== undefined) out.customer = resolveCustomer(input.customer);
  if (input.insurerReport !== undefined) {
    const ir = input.insurerReport;
    let reportedAt: string | null = null;
    if (ir?.reportedAt) {
      const d = parseDateTimeJa(ir.reportedAt);
      const outside = d.ok ? voiceDateProblem(d.date, "報告日時", now) : d.message;
      if (outside) fields["insurerReport.reportedAt"] = outside;
      else if (d.ok) reportedAt = d.iso;
    }
    out.insurer = ir ? { insurer: text(ir.insurer), reportedAt, answer: text(ir.answer) } : null;
  }

  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  return out;
}
