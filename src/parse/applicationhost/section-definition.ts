import { childrenNamed, type XmlElement } from '../xml';
import { attribute, booleanAttribute, invalidValue } from './attributes';
import { findSectionDeclaration, SECTION_GROUPS } from './section-lock';
import {
  scopeNodes,
  type AnonymousSetting,
  type LocationTag,
  type ParseContext,
  type PathNode,
  type SiteRecord,
} from './types';

/**
 * Where the anonymousAuthentication section may be written at all, from its declaration in
 * `<configSections>` (CONFIGURATION_RULES allow-definition and allow-location): `allowDefinition`
 * names the configuration files ("Everywhere" when the attribute is missing) and
 * `allowLocation="false"` keeps it out of every `<location>` tag. A web.config that writes the
 * section where the declaration does not allow it is a configuration error (HTTP 500.19).
 */
export const ALLOW_DEFINITIONS = [
  'Everywhere',
  'MachineToApplication',
  'MachineToWebRoot',
  'MachineOnly',
  'AppHostOnly',
] as const;
export type AllowDefinition = (typeof ALLOW_DEFINITIONS)[number];

export interface SectionDefinition {
  allowDefinition: AllowDefinition;
  allowLocation: boolean;
  /** The declaration's line; undefined when the file does not declare the section (IIS's own declaration allows both). */
  line?: number;
}

/** The first `<section name="anonymousAuthentication">` under system.webServer/security/authentication. */
function anonymousDeclaration(root: XmlElement): XmlElement | undefined {
  for (const sections of childrenNamed(root, 'configSections')) {
    const declaration = findSectionDeclaration(sections, SECTION_GROUPS, 'anonymousAuthentication');
    if (declaration !== undefined) return declaration;
  }
  return undefined;
}

export function sectionDefinition(root: XmlElement, context: ParseContext): SectionDefinition {
  const declaration = anonymousDeclaration(root);
  if (declaration === undefined) return { allowDefinition: 'Everywhere', allowLocation: true };
  const raw = attribute(declaration, 'allowDefinition');
  let allowDefinition: AllowDefinition = 'Everywhere';
  if (raw !== undefined) {
    const found = ALLOW_DEFINITIONS.find((value) => value.toLowerCase() === raw.trim().toLowerCase());
    if (found === undefined)
      throw invalidValue(context, declaration, 'allowDefinition', `one of ${ALLOW_DEFINITIONS.join(', ')}`, raw);
    allowDefinition = found;
  }
  const allowLocation = booleanAttribute(context, declaration, 'allowLocation') ?? true;
  return { allowDefinition, allowLocation, line: declaration.line };
}

/**
 * Why the declaration does not allow a web.config at `path` to write the section, or undefined
 * when it does. `applicationRoot`: the file is the web.config of an application's root (the
 * site's root application included); `inLocation`: the section sits inside a `<location>` tag.
 */
export function definitionRefusal(
  definition: SectionDefinition,
  applicationRoot: boolean,
  inLocation: boolean,
  path: string,
): string | undefined {
  const declared = (attribute: string) =>
    `${attribute}${definition.line === undefined ? '' : ` (line ${definition.line})`}`;
  switch (definition.allowDefinition) {
    case 'MachineOnly':
      return `the section's declaration allows it only in machine.config (${declared('allowDefinition="MachineOnly"')})`;
    case 'MachineToWebRoot':
      return `the section's declaration allows it only in machine.config and the root web.config of .NET (${declared('allowDefinition="MachineToWebRoot"')})`;
    case 'AppHostOnly':
      return `the section's declaration allows it only in applicationHost.config (${declared('allowDefinition="AppHostOnly"')})`;
    case 'MachineToApplication':
      if (!applicationRoot)
        return `the section's declaration allows it only up to the web.config at an application's root (${declared('allowDefinition="MachineToApplication"')}), and ${path} is not the root of an application`;
      break;
    case 'Everywhere':
      break;
  }
  if (inLocation && !definition.allowLocation)
    return `the section's declaration keeps it out of <location> tags (${declared('allowLocation="false"')})`;
  return undefined;
}

/**
 * applicationHost.config's own settings where its declaration keeps the section out: with
 * allowDefinition "MachineOnly" or "MachineToWebRoot" it may not set it at all, and with
 * allowLocation="false" not in a site's `<location>` tag. What IIS then does with the file is not
 * documented (it may answer 500.19 where they apply), so they are read as written and a warning
 * says so (allow-location, allow-definition).
 */
export function reportDefinitionConflicts(
  definition: SectionDefinition,
  sites: Map<string, SiteRecord>,
  serverSettings: readonly AnonymousSetting[],
  context: ParseContext,
): void {
  const outside = definition.allowDefinition === 'MachineOnly' || definition.allowDefinition === 'MachineToWebRoot';
  // Most declarations allow the section everywhere: then no location's line is needed.
  if (!outside && definition.allowLocation) return;
  const locationLines: number[] = [];
  const seen = new Set<PathNode>();
  for (const site of sites.values())
    for (const node of scopeNodes(site)) {
      // A path's tags sit on its node (an application's has no location scope of its own); no
      // web.config is applied yet, so each has its own line.
      if (node.locations === undefined || seen.has(node)) continue;
      seen.add(node);
      for (let tag: LocationTag | undefined = node.locations; tag !== undefined; tag = tag.next)
        if (tag.setting !== undefined && tag.line !== undefined) locationLines.push(tag.line);
    }
  locationLines.sort((a, b) => a - b);
  const declared = (attribute: string) =>
    `${attribute}${definition.line === undefined ? '' : ` (line ${definition.line})`}`;
  if (outside && (serverSettings.length > 0 || locationLines.length > 0))
    context.diagnostics.push({
      code: 'anonymous-section-not-allowed',
      severity: 'warning',
      message: `applicationHost.config sets anonymousAuthentication though its declaration allows the section only in ${definition.allowDefinition === 'MachineOnly' ? 'machine.config' : 'machine.config and the root web.config of .NET'} (${declared(`allowDefinition="${definition.allowDefinition}"`)}): IIS may refuse those settings (HTTP 500.19 where they apply); they are read as written`,
      file: context.file,
      ...(definition.line === undefined ? {} : { line: definition.line }),
    });
  else if (!definition.allowLocation && locationLines.length > 0)
    context.diagnostics.push({
      code: 'anonymous-section-not-allowed',
      severity: 'warning',
      message: `applicationHost.config sets anonymousAuthentication in <location> tags (line ${locationLines.join(', ')}) though its declaration keeps the section out of them (${declared('allowLocation="false"')}): IIS may refuse those tags (HTTP 500.19 where they apply); they are read as written`,
      file: context.file,
      ...(definition.line === undefined ? {} : { line: definition.line }),
    });
}
