import { LoadFailure } from '../../../components/load-failure';
import { useSession } from '../../../lib/session';
import { useChannels } from '../api/use-channels';
import { useRules } from '../api/use-rules';
import { AlertsNav } from './alerts-nav';
import { ChannelsPanel } from './channels-panel';
import { RulesPanel } from './rules-panel';
import './alerts.css';

/** /projects/:id/alerts/: how people are told (channels) and when (rules). */
export function AlertsPage({ projectId }: { projectId: number }) {
  const { user } = useSession();
  const channels = useChannels(projectId);
  const rules = useRules(projectId);
  // The first load decides whether the project is there at all (404 for another team's).
  if (channels.error !== undefined && channels.data === undefined) {
    return <LoadFailure error={channels.error} what="project" onRetry={channels.reload} />;
  }
  return (
    <div className="alerts-page">
      <header className="page-head">
        <h1>Alerts</h1>
      </header>
      <AlertsNav projectId={projectId} current="setup" />
      <ChannelsPanel
        projectId={projectId}
        channels={channels}
        canWrite={user.role === 'admin'}
        onChanged={() => {
          channels.reload();
          // The server takes a deleted channel's id out of every rule (alerts/channel-store.ts):
          // rules kept from before would show it as "#id" and send it back on the next save,
          // which the API refuses, with no checkbox left to untick it.
          rules.reload();
        }}
      />
      <RulesPanel projectId={projectId} rules={rules} channels={channels.data ?? []} />
    </div>
  );
}
