// Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], no leading or trailing
// apostrophe, unique without regard to case.

const MAX = 31;

function clean(title: string): string {
  const name = title
    .replace(/[:\\/?*[\]]/g, "・")
    .replace(/[\r\n\t]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  return name || "表";
}

/** The longest prefix within `max` UTF-16 units that does not split a character. */
function truncateTo(text: string, max: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Hands out valid, unique sheet names in order; a repeated title gets 「（2）」 and so on. */
export function sheetNamer(): (title: string) => string {
  const used = new Set<string>(["history"]); // Excel reserves 「History」
  return (title) => {
    const base = clean(title);
    let name = truncateTo(base, MAX);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `（${n}）`;
      name = truncateTo(base, MAX - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}
