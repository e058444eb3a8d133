// The import page's options for another system's file: a mapping file (columns and values) and a default
// department for a file without one. Sent with the file as the import's query (mapping, defaultDepartment).
import { FileInput, Group, Select } from "@mantine/core";
import { useState } from "react";
import { labelOptions, useReferenceData } from "../../reference-data.js";

export interface ImportOptions {
  /** the mapping file's JSON text */
  mapping?: string;
  /** a department's code */
  defaultDepartment?: string;
}

export function ImportOptionsFields({
  value,
  onChange,
}: {
  value: ImportOptions;
  onChange: (next: ImportOptions) => void;
}) {
  const { taxonomy } = useReferenceData();
  const [mappingFile, setMappingFile] = useState<File | null>(null);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const without = (key: keyof ImportOptions) => {
    const { [key]: _, ...rest } = value;
    return rest;
  };
  return (
    <Group align="flex-start" gap="md" wrap="wrap">
      <FileInput
        label="対応表（任意）"
        description="列名と値の置き換え（JSON）。例: 経路の「TEL」をコールセンターとして読む"
        placeholder="対応表ファイルを選択"
        accept=".json,application/json"
        value={mappingFile}
        error={mappingError}
        clearable
        w={360}
        onChange={(f) => {
          setMappingFile(f);
          setMappingError(null);
          if (!f) return onChange(without("mapping"));
          f.text().then(
            (text) => onChange({ ...value, mapping: text }),
            () => setMappingError("対応表ファイルを読めませんでした"),
          );
        }}
      />
      <Select
        label="既定の部署（任意）"
        description="部署の列がない・空の行の部署"
        placeholder="指定しない"
        data={labelOptions(taxonomy?.departments)}
        value={value.defaultDepartment ?? null}
        onChange={(code) =>
          onChange(code ? { ...value, defaultDepartment: code } : without("defaultDepartment"))
        }
        clearable
        searchable
        w={260}
      />
    </Group>
  );
}
