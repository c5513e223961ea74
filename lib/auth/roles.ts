/** Shared by the server (the action gate) and the browser (which buttons to show). */
export const ROLES = ['viewer', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** read: viewer+; self: any signed-in account changing its own (its password), audited as a change; moderate: moderator+; admin. */
export type Access = 'read' | 'self' | 'moderate' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, moderator: 1, admin: 2 };
const NEEDS: Record<Access, Role> = { read: 'viewer', self: 'viewer', moderate: 'moderator', admin: 'admin' };

export function roleAllows(role: Role, access: Access): boolean {
  return RANK[role] >= RANK[NEEDS[access]];
}

export function requiredRole(access: Access): Role {
  return NEEDS[access];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
