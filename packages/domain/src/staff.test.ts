import { describe, expect, it } from 'vitest';
import { canAdministerUsers, coordinatorRoleProblem, NewStaffUser, staffChangeProblems, StaffUserUpdate } from './staff';

describe('staff administration', () => {
  it('lets an organisation\'s own administrators administer its accounts, and nobody else', () => {
    expect(canAdministerUsers({ organisationId: 'a', roles: ['org_admin'] }, 'a')).toBe(true);
    expect(canAdministerUsers({ organisationId: 'a', roles: ['org_admin'] }, 'b')).toBe(false);
    expect(canAdministerUsers({ organisationId: 'a', roles: ['manager', 'coordinator'] }, 'a')).toBe(false);
  });

  it('refuses disabling oneself and leaving no active administrator', () => {
    const admin = { id: 'admin', roles: ['org_admin'] as const, status: 'active' as const };
    const other = { id: 'other', roles: ['coordinator'] as const, status: 'active' as const };
    expect(staffChangeProblems('admin', { userId: 'other', disabling: true }, [admin, { ...other, status: 'disabled' }])).toEqual([]);
    expect(staffChangeProblems('admin', { userId: 'admin', disabling: true }, [{ ...admin, status: 'disabled' }, other])).toEqual(['self_disable', 'last_admin']);
    expect(staffChangeProblems('admin', { userId: 'admin', disabling: false }, [{ ...admin, roles: ['manager'] }, other])).toEqual(['last_admin']);
    // An invited administrator has no password yet, so cannot step in.
    expect(staffChangeProblems('admin', { userId: 'admin', disabling: false }, [{ ...admin, roles: ['manager'] }, { ...other, roles: ['org_admin'], status: 'invited' }])).toEqual(['last_admin']);
    expect(staffChangeProblems('admin', { userId: 'admin', disabling: false }, [{ ...admin, roles: ['manager'] }, { ...other, roles: ['org_admin'] }])).toEqual([]);
  });

  it('keeps the coordinator role while its holder coordinates open cases', () => {
    expect(coordinatorRoleProblem(['coordinator'], ['manager'], 2)).toBe('coordinates_open_cases');
    expect(coordinatorRoleProblem(['coordinator'], ['manager'], 0)).toBeNull();
    expect(coordinatorRoleProblem(['coordinator'], ['coordinator', 'manager'], 2)).toBeNull();
    expect(coordinatorRoleProblem(['manager'], ['intake'], 2)).toBeNull();
  });

  it('validates a new account and an update', () => {
    expect(NewStaffUser.safeParse({ name: 'Test Testsson', email: 'test@example.se', roles: ['coordinator'] }).success).toBe(true);
    expect(NewStaffUser.safeParse({ name: ' ', email: 'test@example.se', roles: ['coordinator'] }).success).toBe(false);
    expect(NewStaffUser.safeParse({ name: 'Test', email: 'not an address', roles: ['coordinator'] }).success).toBe(false);
    expect(NewStaffUser.safeParse({ name: 'Test', email: 'test@example.se', roles: [] }).success).toBe(false);
    expect(NewStaffUser.safeParse({ name: 'Test', email: 'test@example.se', roles: ['coordinator', 'coordinator'] }).success).toBe(false);
    expect(NewStaffUser.safeParse({ name: 'Test', email: 'test@example.se', roles: ['participant'] }).success).toBe(false);
    expect(StaffUserUpdate.safeParse({ version: 1, name: 'Test', title: null, roles: ['manager'] }).success).toBe(true);
    expect(StaffUserUpdate.safeParse({ name: 'Test', title: null, roles: ['manager'] }).success).toBe(false);
  });
});
