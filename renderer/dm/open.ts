import type { ScenarioSummary } from '../../core/protocol/tables';

/** Table size and seating for one scenario: required roles always, optional ones up to the size. */
export function rolesForSize(sc: Pick<ScenarioSummary, 'roles'>, size: number): string[] {
  const required = sc.roles.filter((r) => !r.optional).map((r) => r.id);
  const optional = sc.roles.filter((r) => r.optional).map((r) => r.id);
  return [...required, ...optional].slice(0, Math.max(size, required.length));
}
