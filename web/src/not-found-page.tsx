// Shown for unknown addresses and for screens the user's role may not open.
import { Button, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

export function NotFoundPage({ message }: { message?: string }) {
  return (
    <Stack align="flex-start" gap="sm">
      <Title order={2}>ページを表示できません</Title>
      <Text>{message ?? "お探しのページは見つかりませんでした。"}</Text>
      <Button component={Link} to="/voices" variant="light">
        声の一覧へ戻る
      </Button>
    </Stack>
  );
}
