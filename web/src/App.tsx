import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from "react-router-dom";
import { homePath } from "./auth/session";
import { SessionProvider, useSession } from "./auth/SessionContext";
import { SignedInPage, SignInPage } from "./auth/SignInPage";
import { Layout } from "./components/Layout";
import { NotFoundPage } from "./components/NotFoundPage";
import { DocumentPage } from "./documents/DocumentPage";
import { ActivitiesPage } from "./student/ActivitiesPage";
import { GoalsPage } from "./student/GoalsPage";
import { ReflectionsPage } from "./student/ReflectionsPage";
import { ResumePage } from "./student/ResumePage";
import { SchoolHome } from "./school/SchoolHome";
import { StudentHome } from "./student/StudentHome";
import { ClassPage } from "./teacher/ClassPage";
import { TeacherHome } from "./teacher/TeacherHome";

/** Pages behind sign-in: a visitor without a session gets the sign-in page, and comes back here after it. */
function RequireSession() {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <SignInPage key={location.pathname} />;
  return <Outlet />;
}

function Home() {
  const { session } = useSession();
  return session ? <Navigate to={homePath(session)} replace /> : <SignInPage />;
}

const router = createBrowserRouter([
  { path: "/", element: <Home /> },
  { path: "/signed-in", element: <SignedInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { path: "/school", element: <SchoolHome /> },
          { path: "/teacher", element: <TeacherHome /> },
          { path: "/teacher/classes/:classId", element: <ClassPage /> },
          { path: "/documents/:documentId", element: <DocumentPage /> },
          { path: "/student", element: <StudentHome /> },
          { path: "/student/goals", element: <GoalsPage /> },
          { path: "/student/activities", element: <ActivitiesPage /> },
          { path: "/student/reflections", element: <ReflectionsPage /> },
          { path: "/student/resume", element: <ResumePage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
