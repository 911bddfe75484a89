// @ts-check
/**
 * Copies a live n8n SQLite database into a new file with `VACUUM INTO`, which gives a consistent
 * snapshot while n8n keeps running: the migrated-database template later n8n starts copy (see
 * runtime.ts, writeTemplate()).
 *
 *   <n8n's node> dev/n8n/db-template.js <sqlite3 module folder> <database.sqlite> <target file>
 *
 * It runs on the Node that runs n8n, with the runtime's own `sqlite3` (a native module built for
 * that Node), so the repository needs no SQLite binding of its own. Exit 0 when the copy is written.
 */
'use strict';

/**
 * The part of the `sqlite3` package used here (the runtime has no type declarations for it).
 * @typedef {(error: Error | null) => void} Callback
 * @typedef {{ configure(option: 'busyTimeout', ms: number): void, exec(sql: string, done: Callback): void, close(done: Callback): void }} Database
 * @typedef {{ OPEN_READONLY: number, Database: new (file: string, mode: number, done: Callback) => Database }} Sqlite3
 */

const [sqliteModule, source, target] = process.argv.slice(2);
if (!sqliteModule || !source || !target) {
	console.error('usage: db-template.js <sqlite3 module folder> <database.sqlite> <target file>');
	process.exit(2);
}

/** @type {Sqlite3} */
const sqlite3 = require(sqliteModule);

/** @param {Error | null} error */
function failOn(error) {
	if (!error) return;
	console.error(error);
	process.exit(1);
}

const db = new sqlite3.Database(source, sqlite3.OPEN_READONLY, failOn);
// n8n may be writing: wait for its lock instead of failing with SQLITE_BUSY.
db.configure('busyTimeout', 10_000);
db.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`, (error) => {
	failOn(error);
	db.close(() => process.exit(0));
});
