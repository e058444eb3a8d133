// 「苦情の可能性があります」: when the text reads like a complaint but another type is chosen, the user confirms it.
import { Alert, Button, Checkbox, Group, Stack, Text } from "@mantine/core";

export const COMPLAINT_CONFIRM_MISSING =
  "「苦情の可能性があります」と表示されています。種別を確認し、チェックを入れてから登録してください";

export function ComplaintFlagPrompt({
  typeName,
  confirmed,
  error,
  onConfirm,
  onMakeComplaint,
}: {
  typeName: string;
  confirmed: boolean;
  error: boolean;
  onConfirm: (confirmed: boolean) => void;
  onMakeComplaint: () => void;
}) {
  return (
    <Alert color="orange" title="苦情の可能性があります" data-testid="complaint-flag" role="alert">
      <Stack gap="xs">
        <Text size="sm">
          本文に不満の表明が含まれている可能性があります。苦情として登録しないと、苦情の手順（2名での完了確認・保険会社への報告）から外れます。
        </Text>
        <Group gap="sm">
          <Button size="compact-sm" color="orange" onClick={onMakeComplaint}>
            種別を「苦情」にする
          </Button>
          <Checkbox
            checked={confirmed}
            onChange={(e) => onConfirm(e.currentTarget.checked)}
            label={`内容を確認しました。「${typeName || "未選択"}」のまま登録します`}
            error={error ? COMPLAINT_CONFIRM_MISSING : undefined}
          />
        </Group>
      </Stack>
    </Alert>
  );
}
