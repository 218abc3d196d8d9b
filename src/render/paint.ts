import type { FindingStatus } from '../core/status';

/** How text output looks; plain JavaScript, so explain and tables also run in the in-process engine. */
export interface TableStyle {
  color: boolean;
  /** Terminal columns the output must fit (DEFAULT_WIDTH when not given). */
  width?: number;
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

export function paintStatus(status: FindingStatus, style: Pick<TableStyle, 'color'>): string {
  return style.color ? `${STATUS_COLORS[status]}${status}\u001b[0m` : status;
}
