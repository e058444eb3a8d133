// The frame of the members' public pages: no staff shell, no login; a narrow column that reads well on a phone.
import { Anchor, Box, Container, Group, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="teal.8" c="white" py="sm">
        <Container size={640} px="md">
          <Group justify="space-between" wrap="nowrap">
            <Title order={1} size="h3" fw={700}>
              お客さまの声
            </Title>
            <Group gap="md" wrap="nowrap">
              <Anchor component={Link} to="/voice" c="white" size="sm" underline="always">
                声を送る
              </Anchor>
              <Anchor component={Link} to="/voice/status" c="white" size="sm" underline="always">
                状況の確認
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size={640} px="md" py="lg" component="main">
        {children}
      </Container>
      <Container size={640} px="md" pb="lg" component="footer">
        <Text size="xs" c="dimmed">
          いただいた声は、業務とサービスの改善に役立てます。
        </Text>
      </Container>
    </Box>
  );
}
