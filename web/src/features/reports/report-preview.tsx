// The report as it prints: the server's HTML page (A4 print CSS, charts) in a frame, with the PDF and Excel files.
import { Anchor, Button, Card, Group, Text } from "@mantine/core";
import { useState } from "react";
import { apiUrl } from "../../api.js";

export function ReportPreview(props: { id: number; revision: number }) {
  const [open, setOpen] = useState(false);
  const src = apiUrl("GET /api/v1/reports/:id/preview", { params: { id: props.id } });
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Text fw={600}>プレビュー（保存済みの内容）</Text>
        <Group gap="xs">
          <Anchor href={src} target="_blank" rel="noreferrer" size="sm">
            別のタブで開く
          </Anchor>
          <Anchor
            href={apiUrl("GET /api/v1/reports/:id/file", {
              params: { id: props.id },
              query: { format: "pdf" },
            })}
            size="sm"
          >
            PDF
          </Anchor>
          <Anchor
            href={apiUrl("GET /api/v1/reports/:id/file", {
              params: { id: props.id },
              query: { format: "xlsx" },
            })}
            size="sm"
          >
            Excel
          </Anchor>
          <Button size="xs" variant="default" onClick={() => setOpen((o) => !o)}>
            {open ? "閉じる" : "プレビューを表示"}
          </Button>
        </Group>
      </Group>
      {open && (
        // the revision in the key reloads the frame after each save
        <iframe
          key={props.revision}
          title="報告書のプレビュー"
          src={src}
          sandbox=""
          style={{
            width: "100%",
            height: "80vh",
            border: "1px solid #ddd",
            marginTop: 8,
            background: "white",
          }}
        />
      )}
    </Card>
  );
}
