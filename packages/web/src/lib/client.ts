/**
 * The UI's one door to the API: the typed client the CLI uses too
 * (packages/server/src/client/api-client.ts), imported by relative path. Vite bundles that file
 * (and sse.ts) as source; its imports of the server's serializers are `import type`, erased at
 * build, so no server code reaches the browser while the response types still come from the
 * serializers themselves. Road not taken: a `faultline/client` package export, which needs the
 * server package to emit declarations and a build-order dependency for types alone.
 */
export { ApiClientError, FaultlineClient } from '../../../server/src/client/api-client.js';
export type {
  AlertAttemptJson,
  AlertChannelConfigInput,
  AlertChannelJson,
  AlertChannelKind,
  AlertLevel,
  AlertNotificationJson,
  AlertRuleInput,
  AlertRuleJson,
  AlertTrigger,
  AttachmentJson,
  CreatedTokenJson,
  EventJson,
  EventWithNeighboursJson,
  GroupingComponentJson,
  GroupingJson,
  IssueDetailJson,
  IssueJson,
  IssueListItemJson,
  IssueSort,
  IssueStatus,
  KeyChanges,
  KeyJson,
  LiveEventJson,
  OrganizationJson,
  Page,
  ProjectChanges,
  ProjectJson,
  RateLimitJson,
  ReleaseJson,
  Scope,
  SessionJson,
  StatsPeriod,
  StatusOptions,
  TagDistributionJson,
  TokenJson,
  UserJson,
} from '../../../server/src/client/api-client.js';
