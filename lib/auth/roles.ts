/** Shared by the server (the action gate) and the browser (which buttons to show). */
export const ROLES = ['viewer', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Access = 'read' | 'moderate' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, moderator: 1, admin: 2 };
const NEEDS: Record<Access, Role> = { read: 'viewer', moderate: 'moderator', admin: 'admin' };

export function roleAllows(role: Role, access: Access): boolean {
  return RANK[role] >= RANK[NEEDS[access]];
}

export function requiredRole(access: Access): Role {
  return NEEDS[access];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
