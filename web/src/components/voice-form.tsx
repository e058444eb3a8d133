// The one-screen voice form used by 声の登録 and 編集: keyboard-first, Ctrl+Enter saves, API errors shown inline.
import {
  Alert,
  Button,
  Group,
  Kbd,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from "react";
import type { CreateVoiceInput } from "../../../src/features/voices/contract.js";
import type { CustomerInput, VoiceDetail } from "../../../src/shared/api-contract.js";
import { PRIORITIES, type Priority } from "../../../src/shared/constants.js";
import { parseDateTimeJa } from "../../../src/shared/japanese-date.js";
import { isoToInput } from "../format.js";
import { PRIORITY_LABELS } from "../labels.js";
import { labelOptions, useReferenceData } from "../reference-data.js";
import { CustomerFields, type CustomerValues, EMPTY_CUSTOMER } from "./customer-fields.js";

export { type CustomerValues, EMPTY_CUSTOMER };

export const CONTENT_MAX = 10_000;

export interface VoiceFormValues {
  receivedAt: string;
  channel: string;
  type: string;
  category: string;
  productLine: string;
  department: string;
  content: string;
  remedySought: string;
  priority: Priority;
  assigneeId: string;
  customer: CustomerValues;
  /** an agency passes complaints to the insurer or federation and records their answer */
  insurer: string;
  insurerReportedAt: string;
  insurerAnswer: string;
  /** edit only: why a complaint is changed to another type (the server requires it then) */
  typeChangeReason?: string;
}

export const TYPE_CHANGE_REASON_MISSING = "苦情から種別を変更する理由を入力してください";

/** Form values from a saved voice, for the edit form. */
export function valuesFromVoice(voice: VoiceDetail): VoiceFormValues {
  const c = voice.customer;
  return {
    receivedAt: isoToInput(voice.receivedAt),
    channel: voice.channel.code,
    type: voice.type.code,
    category: voice.category?.code ?? "",
    productLine: voice.productLine?.code ?? "",
    department: voice.department.code,
    content: voice.content,
    remedySought: voice.remedySought ?? "",
    priority: voice.priority,
    assigneeId: voice.assignee ? String(voice.assignee.id) : "",
    customer: c
      ? {
          name: c.name ?? "",
          kana: c.kana ?? "",
          memberNumber: c.memberNumber ?? "",
          phone: c.phone ?? "",
          email: c.email ?? "",
          prefecture: c.prefecture ?? "",
          address: c.address ?? "",
          ageBand: c.ageBand ?? "",
          gender: c.gender ?? "",
          contactConsent: c.contactConsent,
        }
      : EMPTY_CUSTOMER,
    insurer: voice.insurerReport.insurer ?? "",
    insurerReportedAt: voice.insurerReport.reportedAt ? isoToInput(voice.insurerReport.reportedAt) : "",
    insurerAnswer: voice.insurerReport.answer ?? "",
  };
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

function customerToInput(c: CustomerValues): CustomerInput | null {
  const input: CustomerInput = {
    name: orNull(c.name),
    kana: orNull(c.kana),
    memberNumber: orNull(c.memberNumber),
    phone: orNull(c.phone),
    email: orNull(c.email),
    prefecture: orNull(c.prefecture),
    address: orNull(c.address),
    ageBand: orNull(c.ageBand),
    gender: orNull(c.gender),
    contactConsent: c.contactConsent,
  };
  const empty = Object.entries(input).every(([key, value]) => key === "contactConsent" || value === null);
  return empty && !c.contactConsent ? null : input;
}

/** The API body for these values; category is sent as typed so the server names what is missing. */
export function valuesToInput(v: VoiceFormValues): CreateVoiceInput {
  return {
    receivedAt: v.receivedAt.trim(),
    channel: v.channel,
    type: v.type,
    category: v.category,
    productLine: v.productLine || null,
    department: v.department,
    content: v.content,
    remedySought: orNull(v.remedySought),
    priority: v.priority,
    assigneeId: v.assigneeId ? Number(v.assigneeId) : null,
    customer: customerToInput(v.customer),
    insurerReport:
      v.insurer.trim() || v.insurerReportedAt.trim() || v.insurerAnswer.trim()
        ? {
            insurer: orNull(v.insurer),
            reportedAt: orNull(v.insurerReportedAt),
            answer: orNull(v.insurerAnswer),
          }
        : null,
  };
}

/** Only the fields that changed, so an edit never writes back masked customer data or untouched values. */
export function changedInput(before: VoiceFormValues, after: VoiceFormValues): Partial<CreateVoiceInput> {
  const a = valuesToInput(before);
  const b = valuesToInput(after);
  const changed: Partial<CreateVoiceInput> = {};
  for (const key of Object.keys(b) as (keyof CreateVoiceInput)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      Object.assign(changed, { [key]: b[key] });
    }
  }
  return changed;
}

/** The checks worth making before a round trip; the server still validates everything. */
export function validateVoice(v: VoiceFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const received = parseDateTimeJa(v.receivedAt);
  if (!received.ok) errors.receivedAt = received.message;
  if (!v.channel) errors.channel = "チャネルを選択してください";
  if (!v.department) errors.department = "部署を選択してください";
  if (!v.type) errors.type = "種別を選択してください";
  if (!v.category) errors.category = "分類を選択してください";
  if (v.insurerReportedAt.trim()) {
    const reported = parseDateTimeJa(v.insurerReportedAt);
    if (!reported.ok) errors["insurerReport.reportedAt"] = reported.message;
  }
  if (v.content.trim() === "") errors.content = "内容を入力してください";
  else if (v.content.length > CONTENT_MAX)
    errors.content = `内容は${CONTENT_MAX.toLocaleString("ja-JP")}文字以内で入力してください`;
  return errors;
}

interface VoiceFormProps {
  initial: VoiceFormValues;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  fields: Record<string, string>;
  /** true when the customer block came masked: it may not be edited from masked values */
  customerLocked?: boolean;
  onSubmit: (values: VoiceFormValues) => void;
  onCancel?: () => void;
  /** shown between the error and the fields, e.g. the stale-version notice */
  notice?: ReactNode;
  /**
   * Editing a complaint: "locked" when this user may not change its type (a lead of its department, cs or an
   * admin may), "reason" when they may, giving a reason. Absent for other voices and on registration.
   */
  complaintType?: "locked" | "reason";
  /** shown under the text (registration: classification suggestion, similar voices); may set fields */
  assist?: (
    values: VoiceFormValues,
    setField: (key: "type" | "category", value: string) => void,
  ) => ReactNode;
}

export function VoiceForm({
  initial,
  submitLabel,
  busy,
  error,
  fields,
  customerLocked = false,
  onSubmit,
  onCancel,
  notice,
  assist,
  complaintType,
}: VoiceFormProps) {
  const { taxonomy, users } = useReferenceData();
  const [values, setValues] = useState<VoiceFormValues>(initial);
  const hasCustomer = customerToInput(initial.customer) !== null;
  const [customerOpen, setCustomerOpen] = useState(hasCustomer);
  const formRef = useRef<HTMLFormElement>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Server messages stay until the next submit, except for a field the user has since changed.
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [lastFields, setLastFields] = useState(fields);
  if (lastFields !== fields) {
    setLastFields(fields);
    setTouched(new Set());
  }

  function clearError(name: string) {
    setLocalErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _removed, ...rest } = e;
      return rest;
    });
    setTouched((t) => (t.has(name) ? t : new Set(t).add(name)));
  }
  function set<K extends keyof VoiceFormValues>(key: K, value: VoiceFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    clearError(key);
  }
  function setCustomer<K extends keyof CustomerValues>(key: K, value: CustomerValues[K]) {
    setValues((v) => ({ ...v, customer: { ...v.customer, [key]: value } }));
    clearError(`customer.${key}`);
  }
  const fieldError = (name: string) => localErrors[name] ?? (touched.has(name) ? undefined : fields[name]);
  const customerErrors = Object.keys(fields).some((k) => k.startsWith("customer"));

  const leavingComplaint = complaintType === "reason" && values.type !== "complaint";

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const errors = validateVoice(values);
    if (leavingComplaint && !values.typeChangeReason?.trim())
      errors.typeChangeReason = TYPE_CHANGE_REASON_MISSING;
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      // Take the keyboard to the first field to fix.
      requestAnimationFrame(() => {
        formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      });
      return;
    }
    onSubmit(values);
  }
  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  const departments = (taxonomy?.departments ?? [])
    .filter((d) => d.active || d.code === initial.department)
    .map((d) => ({ value: d.code, label: d.active ? d.name : `${d.name}（廃止）` }));
  const placeholder = (label: string) => [{ value: "", label }];
  const contentLength = values.content.length;

  return (
    <form ref={formRef} onSubmit={handleSubmit} onKeyDown={handleKeyDown} noValidate aria-label="声の入力">
      <Stack gap="md">
        {error && (
          <Alert color="red" title="保存できませんでした" role="alert">
            {error}
          </Alert>
        )}
        {Object.keys(localErrors).length > 0 && (
          <Alert color="red" title="入力内容を確認してください" role="alert">
            赤く表示された項目を修正してから保存してください。
          </Alert>
        )}
        {notice}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="受付日時"
            description="例：2025/4/1 10:30"
            value={values.receivedAt}
            onChange={(e) => set("receivedAt", e.currentTarget.value)}
            error={fieldError("receivedAt")}
            withAsterisk
          />
          <NativeSelect
            label="チャネル"
            description="受け付けた窓口"
            data={[...placeholder("選択してください"), ...labelOptions(taxonomy?.channel, initial.channel)]}
            value={values.channel}
            onChange={(e) => set("channel", e.currentTarget.value)}
            error={fieldError("channel")}
            withAsterisk
          />
          <NativeSelect
            label="部署"
            description="対応する部署"
            data={[...placeholder("選択してください"), ...departments]}
            value={values.department}
            onChange={(e) => set("department", e.currentTarget.value)}
            error={fieldError("department")}
            withAsterisk
          />
        </SimpleGrid>
        <div>
          <Textarea
            label="内容"
            description="お客さまのお申し出を、できるだけそのまま記録してください"
            autosize
            minRows={6}
            maxRows={16}
            value={values.content}
            onChange={(e) => set("content", e.currentTarget.value)}
            error={fieldError("content")}
            withAsterisk
            autoFocus
          />
          <Group justify="space-between" mt={4}>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> で保存
            </Text>
            <Text
              size="xs"
              c={contentLength > CONTENT_MAX ? "red" : "dimmed"}
              aria-live="polite"
              data-testid="content-counter"
            >
              {contentLength.toLocaleString("ja-JP")} / {CONTENT_MAX.toLocaleString("ja-JP")} 文字
            </Text>
          </Group>
        </div>
        {assist?.(values, set)}
        <Textarea
          label="ご要望"
          description="お客さまが求めていること（説明、訂正、謝罪、返金など）"
          autosize
          minRows={2}
          maxRows={6}
          value={values.remedySought}
          onChange={(e) => set("remedySought", e.currentTarget.value)}
          error={fieldError("remedySought")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label="種別"
            description={
              complaintType === "locked"
                ? "苦情の種別は、対応部署の責任者・CS部門・管理者のみが変更できます"
                : undefined
            }
            data={[...placeholder("選択してください"), ...labelOptions(taxonomy?.type, initial.type)]}
            value={values.type}
            onChange={(e) => set("type", e.currentTarget.value)}
            error={fieldError("type")}
            disabled={complaintType === "locked"}
            // The why goes under the fixed select, so the row's selects stay level.
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
          />
          <NativeSelect
            label="分類"
            data={[...placeholder("選択してください"), ...labelOptions(taxonomy?.category, initial.category)]}
            value={values.category}
            onChange={(e) => set("category", e.currentTarget.value)}
            error={fieldError("category")}
            withAsterisk
          />
          <NativeSelect
            label="商品区分"
            data={[
              ...placeholder("（指定なし）"),
              ...labelOptions(taxonomy?.product_line, initial.productLine),
            ]}
            value={values.productLine}
            onChange={(e) => set("productLine", e.currentTarget.value)}
            error={fieldError("productLine")}
          />
          <NativeSelect
            label="優先度"
            data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
            value={values.priority}
            onChange={(e) => set("priority", e.currentTarget.value as Priority)}
            error={fieldError("priority")}
          />
        </SimpleGrid>
        {leavingComplaint && (
          <Textarea
            label="種別を変更する理由"
            description="苦情でなくなると、回答記録と承認なしで完了できるようになります。理由は対応履歴に残り、変更した本人はこの声を完了にできません（ほかの職員が完了にします）"
            autosize
            minRows={2}
            maxRows={6}
            value={values.typeChangeReason ?? ""}
            onChange={(e) => set("typeChangeReason", e.currentTarget.value)}
            error={fieldError("typeChangeReason")}
            withAsterisk
          />
        )}
        <NativeSelect
          label="担当者"
          maw={360}
          data={[
            ...placeholder("（未割り当て）"),
            ...users.map((u) => ({ value: String(u.id), label: u.name })),
          ]}
          value={values.assigneeId}
          onChange={(e) => set("assigneeId", e.currentTarget.value)}
          error={fieldError("assigneeId")}
        />
        {(values.type === "complaint" || initial.insurer || initial.insurerAnswer) && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="保険会社・連合会への報告先"
              description="代理店は苦情を引受保険会社へ報告します"
              value={values.insurer}
              onChange={(e) => set("insurer", e.currentTarget.value)}
              error={fieldError("insurerReport.insurer")}
            />
            <TextInput
              label="報告日時"
              description="例：2025/4/2 15:00"
              value={values.insurerReportedAt}
              onChange={(e) => set("insurerReportedAt", e.currentTarget.value)}
              error={fieldError("insurerReport.reportedAt")}
            />
            <TextInput
              label="報告先からの回答"
              description="回答があれば記録します"
              value={values.insurerAnswer}
              onChange={(e) => set("insurerAnswer", e.currentTarget.value)}
              error={fieldError("insurerReport.answer")}
            />
          </SimpleGrid>
        )}
        <CustomerFields
          values={values.customer}
          onChange={setCustomer}
          error={(name) => fieldError(`customer.${name}`)}
          shown={customerOpen || customerErrors}
          onToggle={() => setCustomerOpen((o) => !o)}
          locked={customerLocked}
        />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              キャンセル
            </Button>
          )}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
