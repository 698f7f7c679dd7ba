import { useState } from 'react';
import { CopyableText } from '../../../components/copy-button';
import { ErrorNotice } from '../../../components/error-notice';
import { Link } from '../../../lib/router';
import { useDsn } from '../api/use-dsn';
import { useHasIssues } from '../api/use-has-issues';
import { snippetsFor, testEventCommand } from './snippets';
import './onboarding.css';

/** How to send the first event: the DSN, a one-line test, and each SDK's setup code. */
export function GettingStarted({ projectId }: { projectId: number }) {
  const dsn = useDsn(projectId);
  if (dsn.error !== undefined) return <ErrorNotice error={dsn.error} onRetry={dsn.reload} />;
  if (dsn.loading && dsn.data === undefined) return <p className="empty">Loading the DSN…</p>;
  if (dsn.data === undefined) {
    return (
      <p className="notice">
        This project has no active DSN key.{' '}
        <Link to={`/projects/${projectId}/settings/`}>Create or enable one in the settings</Link>.
      </p>
    );
  }
  return (
    <section className="panel getting-started" aria-label="Getting started">
      <h2>Send your first event</h2>
      <ol className="steps">
        <li>
          <p>This project&apos;s DSN: SDKs send events with it.</p>
          <CopyableText text={dsn.data} label="DSN" />
        </li>
        <li>
          <p>Check that events arrive: this sends one test event.</p>
          <CopyableText text={testEventCommand(dsn.data)} label="Test command" />
        </li>
        <li>
          <p>Set up your app&apos;s SDK:</p>
          <SnippetTabs dsn={dsn.data} />
        </li>
      </ol>
    </section>
  );
}

function SnippetTabs({ dsn }: { dsn: string }) {
  const snippets = snippetsFor(dsn);
  const [current, setCurrent] = useState(snippets[0]!.id);
  const shown = snippets.find((snippet) => snippet.id === current) ?? snippets[0]!;
  return (
    <div className="snippets">
      <div className="snippet-tabs" role="tablist" aria-label="SDK">
        {snippets.map((snippet) => (
          <button
            key={snippet.id}
            type="button"
            role="tab"
            id={`snippet-tab-${snippet.id}`}
            aria-selected={snippet.id === shown.id}
            aria-controls="snippet-panel"
            className="snippet-tab"
            onClick={() => setCurrent(snippet.id)}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div
        className="snippet-panel"
        id="snippet-panel"
        role="tabpanel"
        aria-labelledby={`snippet-tab-${shown.id}`}
      >
        <CopyableText text={shown.install} label="Install command" />
        <CopyableText text={shown.code} label={`${shown.label} setup code`} />
      </div>
    </div>
  );
}

/**
 * The issues page's first-run panel: shows GettingStarted only while the project has no issue
 * at all (any status), and nothing otherwise, so the page can always render it.
 */
export function FirstRunPanel({ projectId }: { projectId: number }) {
  const hasIssues = useHasIssues(projectId);
  if (hasIssues.data !== false) return null;
  return <GettingStarted projectId={projectId} />;
}
