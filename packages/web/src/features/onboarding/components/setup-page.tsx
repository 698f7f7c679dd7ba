import { GettingStarted } from './getting-started';

/** /projects/:id/setup/: the getting-started steps, at any time. */
export function SetupPage({ projectId }: { projectId: number }) {
  return (
    <div className="setup-page">
      <header className="page-head">
        <h1>Set up an SDK</h1>
      </header>
      <GettingStarted projectId={projectId} />
    </div>
  );
}
