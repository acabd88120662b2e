/** Roles in increasing order of rights: each can do what the ones before it can. */
export const roles = ['submitter', 'reviewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** True when `actual` is `required` or above it; never for a value that is not a role. */
export function hasRole(actual: Role, required: Role): boolean {
  return isRole(actual) && isRole(required) && roles.indexOf(actual) >= roles.indexOf(required);
}
