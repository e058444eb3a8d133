// 声の登録: one screen, defaults filled (now, the user's department, the last channel used), then the detail page.
import { Center, Loader, Stack, Text, Title } from "@mantine/core";
import { useCallback, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, api, errorMessage } from "../../api.js";
import { nowForInput } from "../../format.js";
import { useReferenceData } from "../../reference-data.js";
import { useCurrentUser } from "../../session.js";
import { COMPLAINT_CONFIRM_MISSING, ComplaintFlagPrompt } from "../text/complaint-flag-prompt.js";
import {
  type ClassificationRecord,
  ClassificationSuggestion,
  SimilarVoicesPanel,
} from "../text/text-assist.js";
import { EMPTY_CUSTOMER, VoiceForm, type VoiceFormValues, valuesToInput } from "./voice-form.js";

const LAST_CHANNEL_KEY = "koe.lastChannel";

function readLastChannel(): string | null {
  try {
    return window.localStorage.getItem(LAST_CHANNEL_KEY);
  } catch {
    return null;
  }
}

export function VoiceNewPage() {
  const user = useCurrentUser();
  const { taxonomy } = useReferenceData();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // The latest suggestion shown: sent with the voice so the timeline records whether it was accepted.
  const suggestion = useRef<ClassificationRecord | null>(null);
  const [flagged, setFlagged] = useState(false);
  // The type the user confirmed against the 「苦情の可能性」 flag; choosing another type asks again.
  const [confirmedType, setConfirmedType] = useState<string | null>(null);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const onSuggestion = useCallback((s: ClassificationRecord | null) => {
    suggestion.current = s;
    setFlagged(s?.complaintFlagged ?? false);
  }, []);
  const needsConfirm = (type: string) => flagged && type !== "complaint";
  const typeName = (code: string) => taxonomy?.type.find((t) => t.code === code)?.name ?? code;

  const initial = useMemo<VoiceFormValues | null>(() => {
    if (!taxonomy) return null;
    const channels = taxonomy.channel.filter((c) => c.active);
    const last = readLastChannel();
    const channel = channels.find((c) => c.code === last)?.code ?? channels[0]?.code ?? "";
    const department = taxonomy.departments.find((d) => d.id === user.departmentId && d.active)?.code ?? "";
    return {
      receivedAt: nowForInput(),
      channel,
      type: "",
      category: "",
      productLine: "",
      department,
      content: "",
      remedySought: "",
      priority: "normal",
      assigneeId: "",
      customer: EMPTY_CUSTOMER,
      insurer: "",
      insurerReportedAt: "",
      insurerAnswer: "",
    };
  }, [taxonomy, user.departmentId]);

  async function handleSubmit(values: VoiceFormValues) {
    // The server records the flag; the explicit confirmation is asked here, before anything is saved.
    if (needsConfirm(values.type) && confirmedType !== values.type) {
      setConfirmMissing(true);
      setError(COMPLAINT_CONFIRM_MISSING);
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const input = valuesToInput(values);
      const voice = await api("POST /api/v1/voices", {
        body: suggestion.current
          ? {
              ...input,
              classification: { ...suggestion.current, typeConfirmed: needsConfirm(values.type) },
            }
          : input,
      });
      try {
        window.localStorage.setItem(LAST_CHANNEL_KEY, values.channel);
      } catch {
        // Private browsing: the default simply falls back to the first channel.
      }
      navigate(`/voices/${voice.id}`, { state: { created: voice.receiptNumber } });
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={1040}>
      <div>
        <Title order={2}>声の登録</Title>
        <Text size="sm" c="dimmed">
          受け付けた声は、その日のうちに登録してください。
        </Text>
      </div>
      {initial ? (
        <VoiceForm
          initial={initial}
          submitLabel="登録する"
          busy={busy}
          error={error}
          fields={fields}
          onSubmit={handleSubmit}
          assist={(values, setField) => (
            <>
              <ClassificationSuggestion
                text={values.content}
                type={values.type}
                category={values.category}
                onAccept={setField}
                onSuggestion={onSuggestion}
              />
              {needsConfirm(values.type) && (
                <ComplaintFlagPrompt
                  typeName={typeName(values.type)}
                  confirmed={confirmedType === values.type}
                  error={confirmMissing && confirmedType !== values.type}
                  onConfirm={(ok) => {
                    setConfirmedType(ok ? values.type : null);
                    if (ok) {
                      setConfirmMissing(false);
                      setError(null);
                    }
                  }}
                  onMakeComplaint={() => setField("type", "complaint")}
                />
              )}
              <SimilarVoicesPanel text={values.content} />
            </>
          )}
        />
      ) : (
        <Center p="xl">
          <Loader aria-label="読み込み中" />
        </Center>
      )}
    </Stack>
  );
}
