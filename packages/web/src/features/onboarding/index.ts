/** What other parts of the app show from onboarding: the issues page's first-run panel. */
export { FirstRunPanel, GettingStarted } from './components/getting-started';
