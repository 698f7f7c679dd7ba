import { useEffect } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';
import { ErrorNotice } from '../../../components/error-notice';
import type { IssueDetailJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useIssue } from '../api/use-issue';
import { useIssueEvent } from '../hooks/use-issue-event';
import type { EventRef } from '../hooks/use-issue-event';
import { AttachmentsView } from './attachments-view';
import { EventCountChart } from './event-count-chart';
import { EventNav } from './event-nav';
import { EventView } from './event-view';
import { GroupingView } from './grouping-view';
import { IssueSummary } from './issue-summary';
import { RawJsonView } from './raw-json-view';
import { TagDistributions } from './tag-distributions';
import './issue.css';

export type { EventRef };

export function IssuePage({ issueId, eventRef }: { issueId: number; eventRef: EventRef }) {
  const issue = useIssue(issueId);
  const title = issue.data?.title;
  useEffect(() => {
    if (title !== undefined) document.title = `${title} · Faultline`;
    return () => {
      document.title = 'Faultline';
    };
  }, [title]);
  if (issue.data === undefined) {
    return issue.error === undefined ? (
      <p className="empty">Loading issue…</p>
    ) : (
      <ErrorNotice error={issue.error} onRetry={issue.reload} />
    );
  }
  return (
    <article className="issue-page">
      <IssueSummary issue={issue.data} onChanged={issue.reload} />
      <div className="issue-insights">
        <EventCountChart issueId={issue.data.id} />
        <TagDistributions issueId={issue.data.id} projectId={issue.data.projectId} />
      </div>
      <IssueEvent issue={issue.data} eventRef={eventRef} />
      <GroupingView issueId={issue.data.id} />
    </article>
  );
}

function IssueEvent({ issue, eventRef }: { issue: IssueDetailJson; eventRef: EventRef }) {
  const client = useClient();
  const event = useIssueEvent(issue.id, issue.projectId, eventRef);
  if (event.data === undefined) {
    return event.error === undefined ? (
      <p className="empty">Loading event…</p>
    ) : (
      <ErrorNotice error={event.error} onRetry={event.reload} />
    );
  }
  const shown = event.data;
  return (
    <>
      <EventNav
        issueId={issue.id}
        event={shown}
        jsonUrl={client.eventJsonUrl(issue.projectId, shown.eventId)}
      />
      {event.error === undefined ? null : <ErrorNotice error={event.error} />}
      <ErrorBoundary key={shown.eventId} what="this event">
        <EventView event={shown.event} projectId={issue.projectId} />
        <AttachmentsView projectId={issue.projectId} eventId={shown.eventId} />
        <RawJsonView
          event={shown.event}
          downloadUrl={client.eventJsonUrl(issue.projectId, shown.eventId)}
        />
      </ErrorBoundary>
    </>
  );
}
