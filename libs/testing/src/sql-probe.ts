import pg from 'pg';

/** SQL on a test's database over a small pool of its own, for checking what processes wrote. */
export interface SqlProbe {
  /** The rows `text` returns. */
  rows<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** The number in the column `n` of the first row (`SELECT count(*) AS n …`). */
  count(text: string, values?: unknown[]): Promise<number>;
  end(): Promise<void>;
}

export function openSqlProbe(databaseUrl: string, connections = 2): SqlProbe {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> =>
    (await pool.query(text, values)).rows as T[];
  return {
    rows,
    count: async (text, values) => {
      const [row] = await rows<{ n: string | number }>(text, values);
      return Number(row!.n);
    },
    end: () => pool.end(),
  };
}
