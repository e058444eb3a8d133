// お客さま情報 in the voice form: collapsible, every personal field, locked when shown masked.
import {
  Checkbox,
  Collapse,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { AGE_BANDS, GENDERS, PREFECTURES } from "../../labels.js";

export interface CustomerValues {
  name: string;
  kana: string;
  memberNumber: string;
  phone: string;
  email: string;
  prefecture: string;
  address: string;
  ageBand: string;
  gender: string;
  contactConsent: boolean;
}

export const EMPTY_CUSTOMER: CustomerValues = {
  name: "",
  kana: "",
  memberNumber: "",
  phone: "",
  email: "",
  prefecture: "",
  address: "",
  ageBand: "",
  gender: "",
  contactConsent: false,
};

interface CustomerFieldsProps {
  values: CustomerValues;
  onChange: <K extends keyof CustomerValues>(key: K, value: CustomerValues[K]) => void;
  /** the message for a customer field, by its name without the "customer." prefix */
  error: (name: string) => string | undefined;
  shown: boolean;
  onToggle: () => void;
  /** true when the customer came masked: masked values must never be saved back */
  locked: boolean;
}

const placeholder = (label: string) => [{ value: "", label }];

export function CustomerFields({ values, onChange, error, shown, onToggle, locked }: CustomerFieldsProps) {
  return (
    <Paper withBorder p="sm">
      <UnstyledButton onClick={onToggle} aria-expanded={shown} aria-controls="customer-section" w="100%">
        <Group justify="space-between">
          <Text fw={600}>お客さま情報</Text>
          <Text size="sm" c="teal.8">
            {shown ? "閉じる ▲" : "入力する ▼"}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={shown} id="customer-section">
        {locked ? (
          <Text size="sm" c="dimmed" mt="sm">
            お客さま情報は一部を伏せて表示しているため、この画面では変更できません。
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" mt="sm">
            <TextInput
              label="氏名"
              value={values.name}
              onChange={(e) => onChange("name", e.currentTarget.value)}
              error={error("name")}
            />
            <TextInput
              label="フリガナ"
              value={values.kana}
              onChange={(e) => onChange("kana", e.currentTarget.value)}
              error={error("kana")}
            />
            <TextInput
              label="組合員番号"
              value={values.memberNumber}
              onChange={(e) => onChange("memberNumber", e.currentTarget.value)}
              error={error("memberNumber")}
            />
            <TextInput
              label="電話番号"
              type="tel"
              value={values.phone}
              onChange={(e) => onChange("phone", e.currentTarget.value)}
              error={error("phone")}
            />
            <TextInput
              label="メール"
              type="email"
              value={values.email}
              onChange={(e) => onChange("email", e.currentTarget.value)}
              error={error("email")}
            />
            <NativeSelect
              label="都道府県"
              data={[...placeholder("（未選択）"), ...PREFECTURES]}
              value={values.prefecture}
              onChange={(e) => onChange("prefecture", e.currentTarget.value)}
              error={error("prefecture")}
            />
            <TextInput
              label="住所"
              value={values.address}
              onChange={(e) => onChange("address", e.currentTarget.value)}
              error={error("address")}
              style={{ gridColumn: "span 1" }}
            />
            <NativeSelect
              label="年代"
              data={[...placeholder("（未選択）"), ...AGE_BANDS]}
              value={values.ageBand}
              onChange={(e) => onChange("ageBand", e.currentTarget.value)}
              error={error("ageBand")}
            />
            <NativeSelect
              label="性別"
              data={[...placeholder("（未選択）"), ...GENDERS]}
              value={values.gender}
              onChange={(e) => onChange("gender", e.currentTarget.value)}
              error={error("gender")}
            />
            <Checkbox
              label="連絡可（お客さまへの連絡に同意あり）"
              checked={values.contactConsent}
              onChange={(e) => onChange("contactConsent", e.currentTarget.checked)}
              error={error("contactConsent")}
              mt="lg"
            />
          </SimpleGrid>
        )}
      </Collapse>
    </Paper>
  );
}
