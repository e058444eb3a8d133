// 設定 (admin): labels, departments, users, fiscal year and deadline rules, tokens, the classifier, search synonyms; one tab each.
import { Stack, Tabs, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import { ModelTab } from "../text/model-tab.js";
import { SynonymsTab } from "../text/synonyms-tab.js";
import { ApiTokensTab } from "../tokens/api-tokens-tab.js";
import { DepartmentsTab } from "./departments-tab.js";
import { GeneralTab } from "./general-tab.js";
import { LabelsTab } from "./labels-tab.js";
import { UsersTab } from "./users-tab.js";

const TABS = ["labels", "departments", "users", "general", "tokens", "model", "synonyms"] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

export function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get("tab");
  const tab: Tab = isTab(tabParam) ? tabParam : "labels";
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>設定</Title>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== "labels" ? { tab: value } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="labels">種別・分類など</Tabs.Tab>
          <Tabs.Tab value="departments">部署</Tabs.Tab>
          <Tabs.Tab value="users">ユーザー</Tabs.Tab>
          <Tabs.Tab value="general">年度・期限・ログイン</Tabs.Tab>
          <Tabs.Tab value="tokens">APIトークン</Tabs.Tab>
          <Tabs.Tab value="model">自動分類</Tabs.Tab>
          <Tabs.Tab value="synonyms">検索の同義語</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="labels" pt="md">
          <LabelsTab />
        </Tabs.Panel>
        <Tabs.Panel value="departments" pt="md">
          <DepartmentsTab />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="general" pt="md">
          <GeneralTab />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <ApiTokensTab />
        </Tabs.Panel>
        <Tabs.Panel value="model" pt="md">
          <ModelTab />
        </Tabs.Panel>
        <Tabs.Panel value="synonyms" pt="md">
          <SynonymsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
