/** Label aliases: request and response schemas (the settings UI's types are inferred from them). */
import { z } from "zod";
import { inputText, pathIdParams } from "../../shared/api-contract.js";
import { TAXONOMY_KINDS } from "../../shared/constants.js";

/** The lists a word can be an alias in: the four label kinds and departments. */
export const ALIAS_KINDS = [...TAXONOMY_KINDS, "department"] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

export const aliasKindSchema = z.enum(ALIAS_KINDS, {
  error: "種類は type・category・channel・product_line・department のいずれかです",
});

export const labelAliasesParams = pathIdParams("ラベル").extend({ kind: aliasKindSchema });

// Loose on purpose (types and hard upper bounds): the service checks each alias and answers in Japanese per item.
export const setLabelAliasesInput = z.object({
  aliases: z
    .array(inputText({ error: "別名は文字列で指定してください" }).max(1000), {
      error: "aliases には別名の一覧を配列で指定してください",
    })
    .max(500, "別名は500個以内で指定してください")
    .meta({ example: ["窓口", "支所窓口"] }),
});
export type SetLabelAliasesInput = z.infer<typeof setLabelAliasesInput>;

export const labelAliasesSchema = z
  .object({
    kind: aliasKindSchema,
    labelId: z.int(),
    aliases: z.array(z.string()),
  })
  .meta({ description: "ラベル（または部署）1つの別名" });
export type LabelAliases = z.infer<typeof labelAliasesSchema>;

export const labelAliasListSchema = z
  .object({ items: z.array(labelAliasesSchema) })
  .meta({ description: "別名のあるラベル・部署の一覧" });
export type LabelAliasList = z.infer<typeof labelAliasListSchema>;
