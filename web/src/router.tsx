import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { ErrorPage } from './pages/ErrorPage';
import { HomePage } from './pages/home/HomePage';
import { RequireAdmin } from './session/RequireAuth';
import { Layout } from './ui/Layout';
import { Loading } from './ui/Loading';

/*
 * Every page but the home page is its own chunk, so a screen downloads only its code (RGESN budget).
 * Route `lazy` loads the chunk before the navigation completes: no blank page, and the focus moves to the
 * new heading once it exists. Administration pages use React.lazy behind the role check instead, so their
 * code is never downloaded by someone who is not an administrator.
 */
const page = (load: () => Promise<Record<string, unknown>>, name: string): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load())[name] as React.ComponentType }),
});

const AdminUsersPage = lazy(() => import('./pages/admin/AdminUsersPage'));
const AdminAuditPage = lazy(() => import('./pages/admin/AdminAuditPage'));
const DevMailsPage = lazy(() => import('./pages/dev/DevMailsPage'));

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <ErrorPage />,
    // Shown only while the code of the first page opened is being downloaded.
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'se-former', ...page(() => import('./pages/learning/LearningPage'), 'LearningPage') },
      { path: 'se-former/cours/:id', ...page(() => import('./pages/learning/CoursePage'), 'CoursePage') },
      { path: 'se-former/mes-formations', ...page(() => import('./pages/learning/MyLearningPage'), 'MyLearningPage') },
      { path: 'se-former/evenements', ...page(() => import('./pages/events/EventsPage'), 'EventsPage') },
      { path: 'se-former/evenements/organiser', ...page(() => import('./pages/events/OrganisePage'), 'OrganisePage') },
      { path: 'se-former/evenements/nouveau', ...page(() => import('./pages/events/EventEditPage'), 'EventEditPage') },
      { path: 'se-former/evenements/dates/:id', ...page(() => import('./pages/events/AttendancePage'), 'AttendancePage') },
      { path: 'se-former/evenements/:id', ...page(() => import('./pages/events/EventPage'), 'EventPage') },
      { path: 'se-former/evenements/:id/modifier', ...page(() => import('./pages/events/EventEditPage'), 'EventEditPage') },
      { path: 'se-former/mes-evenements', ...page(() => import('./pages/events/MyEventsPage'), 'MyEventsPage') },
      { path: 'se-former/cours/:id/quiz', ...page(() => import('./pages/learning/quiz/CourseQuizzesPage'), 'CourseQuizzesPage') },
      { path: 'se-former/cours/:id/quiz/gestion', ...page(() => import('./pages/learning/quiz/QuizEditorPage'), 'QuizEditorPage') },
      { path: 'se-former/quiz/:id', ...page(() => import('./pages/learning/quiz/QuizPage'), 'QuizPage') },
      { path: 'se-former/tentatives/:id', ...page(() => import('./pages/learning/quiz/AttemptPage'), 'AttemptPage') },
      { path: 'se-former/cours/:id/analyses', ...page(() => import('./pages/learning/analytics/AnalyticsPage'), 'AnalyticsPage') },
      { path: 'se-former/mes-attestations', ...page(() => import('./pages/learning/quiz/MyAttestationsPage'), 'MyAttestationsPage') },
      { path: 'verifier/:code', ...page(() => import('./pages/verify/VerifyPage'), 'VerifyPage') },
      { path: 'se-former/lecons/:id', ...page(() => import('./pages/learning/lesson/LessonPage'), 'LessonPage') },
      { path: 'se-former/cours/:id/forum', ...page(() => import('./pages/learning/forum/ForumPage'), 'ForumPage') },
      { path: 'se-former/cours/:id/forum/moderation', ...page(() => import('./pages/learning/forum/ModerationPage'), 'ModerationPage') },
      { path: 'se-former/forum/sujets/:id', ...page(() => import('./pages/learning/forum/ThreadPage'), 'ThreadPage') },
      { path: 'se-former/cours/:id/groupes', ...page(() => import('./pages/learning/groups/GroupsPage'), 'GroupsPage') },
      { path: 'se-former/groupes/:id', ...page(() => import('./pages/learning/groups/GroupSpacePage'), 'GroupSpacePage') },
      { path: 'annuaire', ...page(() => import('./pages/directory/DirectoryPage'), 'DirectoryPage') },
      { path: 'annuaire/carte', ...page(() => import('./pages/directory/MapPage'), 'MapPage') },
      { path: 'annuaire/communes/:code', ...page(() => import('./pages/directory/CommunePage'), 'CommunePage') },
      { path: 'annuaire/structures/nouvelle', ...page(() => import('./pages/directory/edit/StructureEditPage'), 'StructureEditPage') },
      { path: 'annuaire/structures/:id', ...page(() => import('./pages/directory/StructurePage'), 'StructurePage') },
      { path: 'annuaire/structures/:id/modifier', ...page(() => import('./pages/directory/edit/StructureEditPage'), 'StructureEditPage') },
      { path: 'coordination', ...page(() => import('./pages/coordination/CoordinationPage'), 'CoordinationPage') },
      { path: 'coordination/patients/nouveau', ...page(() => import('./pages/coordination/NewPatientPage'), 'NewPatientPage') },
      { path: 'coordination/patients/:id', ...page(() => import('./pages/coordination/PatientPage'), 'PatientPage') },
      { path: 'coordination/patients/:id/identite', ...page(() => import('./pages/coordination/PatientIdentityPage'), 'PatientIdentityPage') },
      { path: 'coordination/patients/:id/demande', ...page(() => import('./pages/coordination/NewRequestPage'), 'NewRequestPage') },
      { path: 'coordination/demandes/:id', ...page(() => import('./pages/coordination/RequestPage'), 'RequestPage') },
      { path: 'coordination/structures/:id', ...page(() => import('./pages/coordination/InboxPage'), 'InboxPage') },
      { path: 'coordination/rcp', ...page(() => import('./pages/coordination/RcpPage'), 'RcpPage') },
      { path: 'coordination/rcp/actions', ...page(() => import('./pages/coordination/RcpPage'), 'RcpActionsPage') },
      { path: 'notifications', ...page(() => import('./pages/coordination/NotificationsPage'), 'NotificationsPage') },
      { path: 'outils', ...page(() => import('./pages/tools/ToolsPage'), 'ToolsPage') },
      { path: 'outils/fiche-evaluation', ...page(() => import('./pages/tools/EvaluationSheetPage'), 'EvaluationSheetPage') },
      { path: 'outils/echelles/:id', ...page(() => import('./pages/tools/ScalePage'), 'ScalePage') },
      { path: 'outils/kit', ...page(() => import('./pages/tools/KitPage'), 'KitPage') },
      { path: 'outils/kit/:slug', ...page(() => import('./pages/tools/KitPage'), 'KitDocumentPage') },
      { path: 'outils/a-confirmer', ...page(() => import('./pages/tools/UnconfirmedPage'), 'UnconfirmedPage') },
      { path: 'outils/cotations', ...page(() => import('./pages/tools/BillingMemoPage'), 'BillingMemoPage') },
      { path: 'mesurer', ...page(() => import('./pages/surveys/MeasurePage'), 'MeasurePage') },
      { path: 'mesurer/questionnaires/:id', ...page(() => import('./pages/surveys/SurveyPage'), 'SurveyPage') },
      { path: 'mesurer/questionnaires/:id/rapport', ...page(() => import('./pages/surveys/ReportPage'), 'ReportPage') },
      { path: 'mesurer/repondre/:token', ...page(() => import('./pages/surveys/RespondPage'), 'RespondPage') },
      { path: 'mesurer/indicateurs', ...page(() => import('./pages/indicators/IndicatorsPage'), 'IndicatorsPage') },
      { path: 'connexion', ...page(() => import('./pages/accounts/LoginPage'), 'LoginPage') },
      { path: 'inscription', ...page(() => import('./pages/accounts/RegisterPage'), 'RegisterPage') },
      { path: 'verifier-email', ...page(() => import('./pages/accounts/VerifyEmailPage'), 'VerifyEmailPage') },
      { path: 'mot-de-passe/oublie', ...page(() => import('./pages/accounts/ForgotPasswordPage'), 'ForgotPasswordPage') },
      { path: 'mot-de-passe/nouveau', ...page(() => import('./pages/accounts/ResetPasswordPage'), 'ResetPasswordPage') },
      { path: 'compte', ...page(() => import('./pages/accounts/AccountRoute'), 'AccountRoute') },
      {
        path: 'admin/utilisateurs',
        element: (
          <RequireAdmin>
            <AdminUsersPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/journal',
        element: (
          <RequireAdmin>
            <AdminAuditPage />
          </RequireAdmin>
        ),
      },
      { path: 'dev/courriels', element: <DevMailsPage /> },
      { path: '*', ...page(() => import('./pages/NotFoundPage'), 'NotFoundPage') },
    ],
  },
]);
