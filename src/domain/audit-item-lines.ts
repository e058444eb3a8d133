// An audit's improvement items as edited in one text cell (one item a line) back into the API's list: an item
// whose text is unchanged keeps its id, and a reworded line keeps the id of the item on the same line, so the
// improvement task an item became stays with it. Lines that match nothing are new items; items left out go.
export interface StoredItem {
  id: number;
  content: string;
}

export function editedAuditItems(
  stored: readonly StoredItem[],
  text: string,
): { id?: number; content: string }[] {
  const lines = text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
  const taken = new Set<number>();
  const ids: (number | undefined)[] = lines.map((line) => {
    const same = stored.find((s) => s.content === line && !taken.has(s.id));
    if (same) taken.add(same.id);
    return same?.id;
  });
  return lines.map((content, i) => {
    let id = ids[i];
    const onSameLine = stored[i];
    if (id === undefined && onSameLine && !taken.has(onSameLine.id) && !ids.includes(onSameLine.id)) {
      id = onSameLine.id;
      taken.add(id);
    }
    return id === undefined ? { content } : { id, content };
  });
}
