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

/** A count with thousands separators (200,000), the same in every host (no Intl needed). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Deepest nesting accepted in any JSON document (real ones nest at most about 8 deep). */
export const MAX_JSON_DEPTH = 64;

/**
 * Most elements (array items and object members, each object or array counting one as well)
 * accepted in a JSON document, checked before it is parsed. About one element per 16 bytes of
 * the size limit, capped: a parsed element costs a few dozen bytes, so even a document made of
 * nothing but `[]` stays within a small multiple of its size. Real documents are far below:
 * accounts.json for 100,000 site accounts has about 700,000.
 */
export const JSON_ELEMENT_LIMITS = {
  'rsop.json': 1_000_000,
  'accounts.json': 1_000_000,
  'host.json': 65_536,
  'plan.json': 1_000_000,
  'webconfigs.json': 1_000_000,
  'facts.json': 4_000_000,
} as const;

export type JsonDocumentKind = keyof typeof JSON_ELEMENT_LIMITS;

/**
 * Most IIS sites judged in one snapshot, counted before the configuration is parsed. The
 * engine needs about 15 KB of memory per site while judging (1.5 GB at 100,000 sites), so a
 * configuration under its size limit could hold more sites (a million fit in 256 MiB) than a
 * server's default Node heap can judge; refusing them up front is exit 3 instead of running out
 * of memory. Real servers host at most a few thousand sites.
 */
export const MAX_SITES = 200_000;

/**
 * `report` judges each snapshot on a worker thread under these limits unless --snapshot-timeout
 * and --snapshot-memory say otherwise: a snapshot still being judged after `seconds`, or whose
 * worker needs a heap over `memoryMiB`, is stopped and listed as not loaded. Both are far above
 * what a snapshot at MAX_SITES takes (about 3 GB and a few minutes on a slow core); they exist so
 * that a defect or an input no other limit catches costs one snapshot, not the report.
 */
export const SNAPSHOT_LIMIT_DEFAULTS = { seconds: 600, memoryMiB: 4096 } as const;

/** The smallest --snapshot-memory: below it a worker cannot even load the engine. */
export const MIN_SNAPSHOT_MEMORY_MIB = 32;
