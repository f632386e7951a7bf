// Usage: node check.mjs <database-uri> <table>
// Opens a table the Java library wrote, with LanceDB's Node SDK, and checks what a LanceDB user relies on.
import * as lancedb from "@lancedb/lancedb";
import assert from "node:assert/strict";

const [uri, tableName] = process.argv.slice(2);
const db = await lancedb.connect(uri);
assert.ok((await db.tableNames()).includes(tableName), `LanceDB lists table ${tableName} under ${uri}`);

const table = await db.openTable(tableName);
const rows = await table.countRows();
assert.ok(rows > 0, "the table has rows");

const fields = Object.fromEntries((await table.schema()).fields.map((f) => [f.name, String(f.type)]));
for (const column of ["id", "text", "metadata", "metadata_types", "vector"]) {
  assert.ok(column in fields, `column ${column} is present (schema: ${JSON.stringify(fields)})`);
}

const [first] = await table.query().limit(1).toArray();
const hits = await table.search(Array.from(first.vector)).distanceType("cosine").limit(3)
  .select(["id", "text", "metadata", "_distance"]).toArray();
assert.equal(hits[0].id, first.id, "a row's own vector finds it first");
assert.ok(hits[0]._distance < 1e-5, `its cosine distance is ~0 (${hits[0]._distance})`);

const metadata = JSON.parse(String(first.metadata));
const [key] = Object.keys(metadata).filter((k) => typeof metadata[k] === "string");
assert.ok(key, "the metadata is a JSON object with at least one string value");
const value = metadata[key].replaceAll("'", "''");
const filtered = await table.query().where(`json_get_string(metadata, '${key.replaceAll("'", "''")}') = '${value}'`)
  .select(["id"]).limit(rows).toArray();
assert.ok(filtered.some((r) => r.id === first.id), "LanceDB's JSON filter on the metadata column finds the row");

console.log(`LanceDB (Node SDK) read ${tableName}: ${rows} rows, vector search and JSON metadata filter OK`);
