// A text with embedded figures printed as numbers, each a link to what is behind it (the voice list…), with what
// it counts as its title. Parses with the same grammar the server checks (src/domain/principle-review.ts).
import { Anchor, Text } from "@mantine/core";
import { Fragment } from "react";
import { Link } from "react-router";
import { parseFigureText } from "../../../../src/domain/principle-review.js";

export interface ShownFigure {
  key: string;
  label: string;
  display: string;
  link: string | null;
}

export function FigureText({ text, figures }: { text: string; figures: ReadonlyMap<string, ShownFigure> }) {
  const parsed = parseFigureText(text);
  if (!parsed.ok)
    return (
      <Text size="sm" c="red">
        {parsed.message}
      </Text>
    );
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
      {/* biome-ignore-start lint/suspicious/noArrayIndexKey: segments of one text, rebuilt whole on each render */}
      {parsed.segments.map((s, i) => {
        if (s.kind === "text") return <Fragment key={i}>{s.text}</Fragment>;
        const f = figures.get(s.ref.key);
        if (!f)
          return (
            <Text span key={i} c="red" title="この数値はありません">
              {`{{${s.ref.key}}}`}
            </Text>
          );
        return f.link ? (
          <Anchor key={i} component={Link} to={f.link} title={f.label} fw={700} data-figure={f.key}>
            {f.display}
          </Anchor>
        ) : (
          <Text span key={i} fw={700} title={f.label} data-figure={f.key}>
            {f.display}
          </Text>
        );
      })}
      {/* biome-ignore-end lint/suspicious/noArrayIndexKey: see above */}
    </Text>
  );
}
