/** How the SDK names itself to servers (envelope header, event `sdk`, X-Sentry-Auth client). */
export const SDK_NAME = 'faultline.javascript.node';
// Kept in step with package.json by hand: reading package.json at import would cost a file read.
export const SDK_VERSION = '0.1.0';
export const SDK_PACKAGE = { name: 'npm:@faultline/node', version: SDK_VERSION };
