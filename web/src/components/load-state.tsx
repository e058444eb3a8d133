// What a screen shows while its data loads and when a load or a save fails: one look and one wording everywhere.
import { Alert, Loader } from "@mantine/core";

/** The error in red, read out by screen readers as it appears; nothing when there is none. */
export function ErrorAlert({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  );
}

/** The spinner a screen shows until its data has come. */
export function Loading() {
  return <Loader aria-label="読み込み中" />;
}
