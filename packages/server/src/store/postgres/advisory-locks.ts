/**
 * Every PostgreSQL advisory lock key Faultline takes, in one place so two never collide. Keys are
 * 64-bit integers every node shares; all start from "Faultlin" in ASCII (0x4661756c746c696e).
 * Passed as text: a JS number cannot hold them exactly.
 */
export const ADVISORY_LOCKS = {
  /** Migrating the schema (migrations.ts). */
  migrations: '5071463764066068846',
  /** Creating the default project on an empty database (postgres-store.ts). */
  defaultProject: '5071463764066068847',
  /** Adding and dropping event partitions (partitions.ts). */
  partitions: '5071463764066068848',
  /** One `faultline migrate` into a database at a time (migrate/target-database.ts). */
  migrate: '5071463764066068900',
} as const;
