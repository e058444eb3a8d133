// Routes: the members' public form, the login screen, and everything else behind the login guard inside the app
// shell. Every screen is its own chunk (React.lazy): the public form downloads none of the staff app, and each
// staff screen loads when it is first opened.
import { Center, Loader } from "@mantine/core";
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode, Suspense } from "react";
import { Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import { useSession } from "./session.js";

const RELOADED = "koe:reloaded-for-missing-chunk";

/**
 * A release replaces the chunks, so a page opened before it cannot load a screen it has not shown yet: reload
 * once to get the new index.html instead of a blank page. A second failure in a row is a real error.
 */
function reloadOnce(error: unknown): Promise<never> {
  if (sessionStorage.getItem(RELOADED)) throw error;
  sessionStorage.setItem(RELOADED, "1");
  window.location.reload();
  return new Promise<never>(() => {});
}

/** A screen loaded on first use: `name` is the module's export (the pages use named exports). */
function screen<P extends object, K extends string>(
  load: () => Promise<{ [key in K]: ComponentType<P> }>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() =>
    load().then((module) => {
      sessionStorage.removeItem(RELOADED);
      return { default: module[name] };
    }, reloadOnce),
  );
}

const PublicVoicePage = screen(
  () => import("./features/public-form/public-voice-page.js"),
  "PublicVoicePage",
);
const PublicStatusPage = screen(
  () => import("./features/public-form/public-status-page.js"),
  "PublicStatusPage",
);
const LoginPage = screen(() => import("./features/users-and-settings/login-page.js"), "LoginPage");
const PublicSurveyPage = screen(
  () => import("./features/surveys/public/public-survey-page.js"),
  "PublicSurveyPage",
);
const SurveysPage = screen(() => import("./features/surveys/surveys-page.js"), "SurveysPage");
const SurveyDetailPage = screen(() => import("./features/surveys/survey-detail-page.js"), "SurveyDetailPage");
const StaffLayout = screen(() => import("./staff-layout.js"), "StaffLayout");
// Screens for some roles only; the rules come from src/domain/roles.ts, loaded with the staff screens.
const RequireAdmin = screen(() => import("./guards.js"), "RequireAdmin");
const RequireImporter = screen(() => import("./guards.js"), "RequireImporter");
const RequireClassifierManager = screen(() => import("./guards.js"), "RequireClassifierManager");
const VoiceListPage = screen(() => import("./features/voices/voice-list-page.js"), "VoiceListPage");
const VoiceNewPage = screen(() => import("./features/voices/voice-new-page.js"), "VoiceNewPage");
const VoiceDetailPage = screen(() => import("./features/voices/voice-detail-page.js"), "VoiceDetailPage");
const MyVoicesPage = screen(() => import("./features/voices/my-voices-page.js"), "MyVoicesPage");
const Landing = screen(() => import("./features/analytics/landing.js"), "Landing");
const DashboardPage = screen(() => import("./features/analytics/dashboard-page.js"), "DashboardPage");
const WordsPage = screen(() => import("./features/text/words-page.js"), "WordsPage");
const SettingsPage = screen(() => import("./features/users-and-settings/settings-page.js"), "SettingsPage");
const ImportPage = screen(() => import("./features/import-export/import-page.js"), "ImportPage");
const AuditPage = screen(() => import("./features/users-and-settings/audit-page.js"), "AuditPage");
const AccountPage = screen(() => import("./features/users-and-settings/account-page.js"), "AccountPage");
const PersonalDataRequestsPage = screen(
  () => import("./features/personal-data-requests/personal-data-requests-page.js"),
  "PersonalDataRequestsPage",
);
const ImprovementListPage = screen(
  () => import("./features/improvements/improvement-list-page.js"),
  "ImprovementListPage",
);
const ImprovementNewPage = screen(
  () => import("./features/improvements/improvement-new-page.js"),
  "ImprovementNewPage",
);
const ImprovementDetailPage = screen(
  () => import("./features/improvements/improvement-detail-page.js"),
  "ImprovementDetailPage",
);
const InsightsPage = screen(() => import("./features/improvements/insights-page.js"), "InsightsPage");
const MeetingListPage = screen(() => import("./features/committee/meeting-list-page.js"), "MeetingListPage");
const MeetingPage = screen(() => import("./features/committee/meeting-page.js"), "MeetingPage");
const MinutesPage = screen(() => import("./features/committee/minutes-page.js"), "MinutesPage");
const ModelPage = screen(() => import("./features/classifier/model-page.js"), "ModelPage");
const ReviewQueuePage = screen(() => import("./features/classifier/review-queue-page.js"), "ReviewQueuePage");
const NotFoundPage = screen(() => import("./not-found-page.js"), "NotFoundPage");
const KpiRegisterPage = screen(() => import("./features/kpi/kpi-register-page.js"), "KpiRegisterPage");
const ActivitiesPage = screen(() => import("./features/activities/activities-page.js"), "ActivitiesPage");
const ReviewsPage = screen(() => import("./features/reviews/reviews-page.js"), "ReviewsPage");
const ReviewEditorPage = screen(() => import("./features/reviews/review-editor-page.js"), "ReviewEditorPage");
const ReportsPage = screen(() => import("./features/reports/reports-page.js"), "ReportsPage");
const ReportEditorPage = screen(() => import("./features/reports/report-editor-page.js"), "ReportEditorPage");
const NotificationsPage = screen(
  () => import("./features/notifications/notifications-page.js"),
  "NotificationsPage",
);
const InsurerReportsPage = screen(
  () => import("./features/insurer-reports/insurer-reports-page.js"),
  "InsurerReportsPage",
);
const CirculationsPage = screen(
  () => import("./features/circulation/circulations-page.js"),
  "CirculationsPage",
);
const CirculationForm = screen(() => import("./features/circulation/circulation-form.js"), "CirculationForm");
const CirculationDetailPage = screen(
  () => import("./features/circulation/circulation-detail-page.js"),
  "CirculationDetailPage",
);

function PageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="読み込み中" />
    </Center>
  );
}

/** Inside the shell a screen still loading shows a loader in its place, not over the header and navigation. */
function ScreenSuspense() {
  return (
    <Suspense fallback={<Loader aria-label="読み込み中" />}>
      <Outlet />
    </Suspense>
  );
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <PageLoader />;
  if (user === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`} replace />;
  }
  return <>{children}</>;
}

export function App() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* The members' public form: no login, no staff shell. */}
        <Route path="/voice" element={<PublicVoicePage />} />
        <Route path="/voice/status" element={<PublicStatusPage />} />
        {/* 議事録: a printable A4 page without the app shell. */}
        <Route
          path="/meetings/:id/minutes"
          element={
            <RequireLogin>
              <MinutesPage />
            </RequireLogin>
          }
        />
        {/* The members' survey page: a survey's public link, or a mailed letter's one-time code. */}
        <Route path="/s/:code" element={<PublicSurveyPage />} />
        <Route path="/a" element={<PublicSurveyPage oneTime />} />
        <Route path="/a/:code" element={<PublicSurveyPage oneTime />} />
        <Route
          element={
            <RequireLogin>
              <StaffLayout />
            </RequireLogin>
          }
        >
          <Route element={<ScreenSuspense />}>
            <Route index element={<Landing />} />
            <Route path="dashboard" element={<DashboardPage />} />
            <Route path="voices" element={<VoiceListPage />} />
            <Route path="voices/new" element={<VoiceNewPage />} />
            <Route path="voices/:id" element={<VoiceDetailPage />} />
            <Route path="mine" element={<MyVoicesPage />} />
            <Route path="analysis/words" element={<WordsPage />} />
            <Route path="kpis" element={<KpiRegisterPage />} />
            <Route path="activities" element={<ActivitiesPage />} />
            <Route path="reviews" element={<ReviewsPage />} />
            <Route path="reviews/:id" element={<ReviewEditorPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="reports/:id" element={<ReportEditorPage />} />
            <Route path="improvements" element={<ImprovementListPage />} />
            <Route path="improvements/new" element={<ImprovementNewPage />} />
            <Route path="improvements/:id" element={<ImprovementDetailPage />} />
            <Route path="insights" element={<InsightsPage />} />
            <Route path="meetings" element={<MeetingListPage />} />
            <Route path="meetings/:id" element={<MeetingPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="insurer-reports" element={<InsurerReportsPage />} />
            <Route path="circulations" element={<CirculationsPage />} />
            <Route path="circulations/new" element={<CirculationForm />} />
            <Route path="circulations/:id" element={<CirculationDetailPage />} />
            <Route path="surveys" element={<SurveysPage />} />
            <Route path="surveys/:id" element={<SurveyDetailPage />} />
            <Route path="account" element={<AccountPage />} />
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
            <Route
              path="personal-data-requests"
              element={
                <RequireAdmin>
                  <PersonalDataRequestsPage />
                </RequireAdmin>
              }
            />
            <Route
              path="model"
              element={
                <RequireClassifierManager>
                  <ModelPage />
                </RequireClassifierManager>
              }
            />
            <Route
              path="complaint-reviews"
              element={
                <RequireClassifierManager>
                  <ReviewQueuePage />
                </RequireClassifierManager>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
