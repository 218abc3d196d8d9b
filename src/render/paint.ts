import type { FindingStatus } from '../core/status';

/** Status colours for text output; plain JavaScript, so explain also runs in the in-process engine. */
export interface TableStyle {
  color: boolean;
}

const STATUS_COLORS: Record<FindingStatus, string> = {
  ok: '\u001b[32m',
  'not-required': '\u001b[90m',
  missing: '\u001b[31m',
  denied: '\u001b[31m',
  'revoked-at-refresh': '\u001b[33m',
  'gpo-blocked': '\u001b[35m',
  unresolved: '\u001b[33m',
};

export function paintStatus(status: FindingStatus, style: TableStyle): string {
  return style.color ? `${STATUS_COLORS[status]}${status}\u001b[0m` : status;
}
