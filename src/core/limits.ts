/**
 * Size and shape limits per artifact, checked before parsing. Each is far above any real file
 * (a 100,000-site applicationHost.config is about 90 MB in UTF-16; real ones are under 10 MB)
 * and exists so hostile input cannot exhaust memory or time.
 */
const MiB = 1024 * 1024;

export const ARTIFACT_SIZE_LIMITS = {
  'secedit.inf': 16 * MiB,
  'applicationHost.config': 256 * MiB,
  'MetaBase.xml': 64 * MiB,
  'gpresult.xml': 64 * MiB,
  'gpo-report.xml': 64 * MiB,
  'GptTmpl.inf': 16 * MiB,
  'rsop.json': 16 * MiB,
  'accounts.json': 16 * MiB,
  'host.json': 1 * MiB,
  'webconfigs.json': 256 * MiB,
  'facts.json': 512 * MiB,
  'plan.json': 16 * MiB,
} as const;

export type ArtifactKind = keyof typeof ARTIFACT_SIZE_LIMITS;

/**
 * Largest single web.config text inside webconfigs.json. IIS itself refuses files over
 * maxWebConfigFileSizeInKB (250 KB unless raised in the registry); this leaves room for a raised limit.
 */
export const MAX_WEB_CONFIG_LENGTH = 16 * MiB;

/** Deepest element nesting accepted in any XML artifact (real IIS files nest about 10 deep). */
export const MAX_XML_DEPTH = 256;

/** Longest line accepted in an INF file (real lines are a few hundred characters). */
export const MAX_INF_LINE_LENGTH = 1 * MiB;

export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes % MiB === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
