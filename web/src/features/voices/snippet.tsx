// Renders a search snippet ("escaped text with <mark>hits</mark>") as React text, never as raw HTML.
import { Mark } from "@mantine/core";
import type { ReactNode } from "react";

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

export function Snippet({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  // Keys are the parts' positions in the snippet, which never change for one snippet.
  let offset = 0;
  for (const part of html.split(/(<mark>.*?<\/mark>)/s)) {
    if (part.startsWith("<mark>") && part.endsWith("</mark>")) {
      parts.push(<Mark key={offset}>{decodeEntities(part.slice(6, -7))}</Mark>);
    } else if (part) {
      parts.push(decodeEntities(part));
    }
    offset += part.length;
  }
  return <>{parts}</>;
}
