/** What route handlers reach: storage, the live stream, and how the server is set up. */
import type { Store } from '../store/store.js';
import type { LiveHub } from './live-hub.js';
import type { Organization } from './organization.js';

export interface ApiServices {
  store: Store;
  live: LiveHub;
  /** The URL SDKs and browsers reach this server at (DSNs, Link headers, cookie `Secure`). */
  publicUrl: string;
  /** The one organization Sentry's API routes answer to (organization.ts). */
  organization: Organization;
}
