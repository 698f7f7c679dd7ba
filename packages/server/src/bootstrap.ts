import type { Store } from './store/store.js';

/** On an empty data directory, creates project 1 with a key, so `npm start` is ready for events. */
export async function bootstrapProject(
  store: Store,
): Promise<{ projectId: number; publicKey: string }> {
  let project = (await store.listProjects())[0];
  project ??= await store.createProject('default');
  const key =
    (await store.listKeys(project.id)).find((k) => k.active) ?? (await store.createKey(project.id));
  return { projectId: project.id, publicKey: key.publicKey };
}
