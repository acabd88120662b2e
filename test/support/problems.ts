import type { ApiResponse } from './api-harness';

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

/** What must never appear in an error: a stack frame, a source path, SQL. */
export const leakPattern =
  /\bat [\w$.<>]+ \(|node_modules|\.[jt]s:\d+:\d+|"stack"|QueryFailedError|\bSELECT\b|\bINSERT INTO\b|\bWHERE\b/;

/** Asserts a complete problem+json answer with this status and code, leaking nothing. */
export function expectProblem(response: ApiResponse<Problem>, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  const { type, title, detail } = response.body;
  expect(response.body.status).toBe(status);
  expect(response.body.code).toBe(code);
  expect([typeof type, typeof title, typeof detail]).toEqual(['string', 'string', 'string']);
  expect(type.length * title.length * detail.length).toBeGreaterThan(0);
  expect(response.text).not.toMatch(leakPattern);
}
