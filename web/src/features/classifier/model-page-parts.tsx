// What the 分類モデル screen's panels share: a titled section, a figure card, and the percentage and score formats.
import { Paper, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";

export const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
export const f3 = (x: number) => x.toFixed(3);

export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}
