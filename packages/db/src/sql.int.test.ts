import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "./orm";
import { cursorChunks, sqlRows } from "./sql";
import { createTestDatabase, type TestDatabase } from "./testing";

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 3 } });
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

async function openTransactions(): Promise<number> {
  const [row] = await sqlRows<{ n: number }>(
    orm.em.fork(),
    `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
  );
  return row!.n;
}

async function collect(rows: number, chunk: number): Promise<number[][]> {
  const chunks: number[][] = [];
  for await (const batch of cursorChunks<{ n: number }>(
    orm.em,
    `select n from generate_series(1, $1::int) n order by n`,
    [rows],
    {
      chunk,
    },
  )) {
    chunks.push(batch.map((row) => row.n));
  }
  return chunks;
}

describe("cursorChunks", () => {
  it.each([
    { rows: 0, chunk: 3, sizes: [] },
    { rows: 2, chunk: 3, sizes: [2] },
    { rows: 6, chunk: 3, sizes: [3, 3] },
    { rows: 7, chunk: 3, sizes: [3, 3, 1] },
  ])("reads $rows rows in chunks of $chunk as $sizes, every row once and in order", async ({ rows, chunk, sizes }) => {
    const chunks = await collect(rows, chunk);
    expect(chunks.map((batch) => batch.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(Array.from({ length: rows }, (_, index) => index + 1));
    expect(await openTransactions()).toBe(0);
  });

  it("runs `prepare` in its transaction before the cursor opens", async () => {
    const seen: string[] = [];
    for await (const batch of cursorChunks<{ value: string }>(
      orm.em,
      `select current_setting('application_name') as value`,
      [],
      {
        chunk: 10,
        prepare: (connection) => sqlRows(connection, `select set_config('application_name', 'chunked', true)`),
      },
    )) {
      seen.push(...batch.map((row) => row.value));
    }
    expect(seen).toEqual(["chunked"]);
  });

  it("rolls back when the consumer stops while the next chunk is being fetched", async () => {
    const generator = cursorChunks<{ n: number }>(orm.em, `select n from generate_series(1, 100) n`, [], { chunk: 10 });
    expect((await generator.next()).value).toHaveLength(10);
    await generator.return(undefined);
    expect(await openTransactions()).toBe(0);
  });

  it("rolls back and passes the error on when a later chunk fails", async () => {
    const chunks: number[][] = [];
    const failing = (async () => {
      for await (const batch of cursorChunks<{ n: number }>(
        orm.em,
        `select 10 / (5 - n) as n from generate_series(1, 9) n`,
        [],
        {
          chunk: 2,
        },
      )) {
        chunks.push(batch.map((row) => row.n));
      }
    })();
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(chunks.flat()).toEqual([2, 3, 5, 10]);
    expect(await openTransactions()).toBe(0);
  });
});
