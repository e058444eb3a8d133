// Routes: the login screen, and everything else behind the login guard inside the app shell.
import { Center, Loader } from "@mantine/core";
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AppLayout } from "./components/app-layout.js";
import { AuditPage } from "./pages/audit-page.js";
import { ImportPage } from "./pages/import-page.js";
import { LoginPage } from "./pages/login-page.js";
import { MyVoicesPage } from "./pages/my-voices-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { PublicStatusPage } from "./pages/public/public-status-page.js";
import { PublicVoicePage } from "./pages/public/public-voice-page.js";
import { SettingsPage } from "./pages/settings/settings-page.js";
import { VoiceDetailPage } from "./pages/voice-detail-page.js";
import { VoiceListPage } from "./pages/voice-list-page.js";
import { VoiceNewPage } from "./pages/voice-new-page.js";
import { ReferenceDataProvider } from "./reference-data.js";
import { useSession } from "./session.js";

// ECharts is large: the words page and its charts load only when opened.
const WordsPage = lazy(() => import("./pages/words-page.js").then((m) => ({ default: m.WordsPage })));

function RequireLogin({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) {
    return (
      <Center h="100vh">
        <Loader aria-label="読み込み中" />
      </Center>
    );
  }
  if (user === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`} replace />;
  }
  return <ReferenceDataProvider>{children}</ReferenceDataProvider>;
}

function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (user?.role !== "admin") return <NotFoundPage message="この画面は管理者のみ利用できます。" />;
  return <>{children}</>;
}

function RequireImporter({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (user?.role !== "admin" && user?.role !== "cs")
    return <NotFoundPage message="この画面は CS部門と管理者のみ利用できます。" />;
  return <>{children}</>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The members' public form: no login, no staff shell. */}
      <Route path="/voice" element={<PublicVoicePage />} />
      <Route path="/voice/status" element={<PublicStatusPage />} />
      <Route
        element={
          <RequireLogin>
            <AppLayout />
          </RequireLogin>
        }
      >
        <Route index element={<Navigate to="/voices" replace />} />
        <Route path="voices" element={<VoiceListPage />} />
        <Route path="voices/new" element={<VoiceNewPage />} />
        <Route path="voices/:id" element={<VoiceDetailPage />} />
        <Route path="mine" element={<MyVoicesPage />} />
        <Route
          path="analysis/words"
          element={
            <Suspense fallback={<Loader aria-label="読み込み中" />}>
              <WordsPage />
            </Suspense>
          }
        />
        <Route
          path="settings"
          element={
            <RequireAdmin>
              <SettingsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="import"
          element={
            <RequireImporter>
              <ImportPage />
            </RequireImporter>
          }
        />
        <Route
          path="audit"
          element={
            <RequireAdmin>
              <AuditPage />
            </RequireAdmin>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
