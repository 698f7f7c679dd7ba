/**
 * A deleted project's id is never given to a new project: with it, the new project inherited
 * the old one's counts and whatever of the old one's was still queued. On every dialect, and on
 * a SQLite file made before ids were kept unique (its projects table is rebuilt by a migration,
 * which must keep every row that references a project).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { deleteProject } from '../../src/store/project-settings.js';
import { MAIN_MIGRATIONS } from '../../src/store/schema/main-migrations.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { MAIN_DB_FILE, openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { queued } from '../helpers/store-records.js';
import { makeTempDir } from '../helpers/temp-dir.js';

for (const dialect of await storeDialects()) {
  describe(`Store project ids (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.freshConfig());
    });
    after(async () => {
      await store?.close();
    });

    it("never gives a deleted project's id to a new project, nor its queued events", async () => {
      await store.createProject('first');
      const deleted = await store.createProject('deleted');
      // An event of the deleted project still waits in the queue when it goes.
      await store.enqueue([queued(deleted.id)]);
      await deleteProject(store.sql, deleted.id);

      const created = await store.createProject('created');
      assert.ok(created.id > deleted.id, `new id ${created.id} after deleted ${deleted.id}`);
      const claimed = await store.claimBatch(10);
      assert.equal(claimed.length, 1);
      assert.notEqual(claimed[0]!.projectId, created.id);
      assert.equal(await store.getProject(claimed[0]!.projectId), undefined);
    });
  });
}

describe('Store project ids on a SQLite file from before they were kept unique', () => {
  it('the migration keeps every project, its id and what references it, and reuses no id', async () => {
    const temp = makeTempDir();
    try {
      // A data dir as the last release left it: three projects, each with a key.
      const file = new Database(path.join(temp.dir, MAIN_DB_FILE));
      migrate(file, MAIN_MIGRATIONS.slice(0, -1));
      for (const name of ['one', 'two', 'three']) {
        const id = file
          .prepare(
            'INSERT INTO projects (name, created_at, quota_count, quota_window_seconds) VALUES (?, 1, 7, 60)',
          )
          .run(name).lastInsertRowid;
        file
          .prepare('INSERT INTO project_keys (public_key, project_id, created_at) VALUES (?, ?, 1)')
          .run(`key-of-${name}`, id);
      }
      file.close();

      const store = openSqliteStore(temp.dir);
      try {
        const projects = await store.listProjects();
        assert.deepEqual(
          projects.map((p) => [p.id, p.name, p.quota?.count]),
          [
            [1, 'one', 7],
            [2, 'two', 7],
            [3, 'three', 7],
          ],
        );
        // Rebuilding the table with foreign keys enforced would have cascaded to the keys.
        for (const project of projects)
          assert.equal((await store.listKeys(project.id)).length, 1, project.name);
        await deleteProject(store.sql, 3);
        assert.equal((await store.listKeys(3)).length, 0, 'references still cascade');
        assert.equal((await store.createProject('four')).id, 4);
      } finally {
        await store.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});
