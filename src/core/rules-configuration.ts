import type { Evidence } from './rules';

/**
 * How IIS configuration decides which anonymous identity applies where: facts the
 * applicationHost.config and web.config readers (src/parse) encode, as data with the evidence
 * for each, so docs/rules.md lists them beside the logon rules. Each `id` is named in the code
 * that applies it.
 */
export interface ConfigurationRule {
  id: string;
  fact: string;
  evidence: Evidence;
  citation: string;
}

export const CONFIGURATION_RULES: readonly ConfigurationRule[] = [
  {
    id: 'lock-declared-default',
    fact: 'The section\'s declaration in configSections sets the lock for every path: overrideModeDefault "Allow" or "Deny", and "Allow" when the attribute is missing. A file that does not declare anonymousAuthentication is read as IIS ships it, "Deny".',
    evidence: 'confirmed',
    citation:
      'IAppHostSectionDefinition::OverrideModeDefault ("If you do not explicitly set the value of this property, the default is Allow"); SectionInformation class, WMI provider (Microsoft Learn); the comment at the top of the applicationHost.config IIS installs',
  },
  {
    id: 'lock-location-nearest',
    fact: 'A `<location>` holding the section with overrideMode="Allow" or "Deny" sets the lock for its path and below; "Inherit" (the default) sets nothing. The nearest such tag at or above a path wins over tags above it and over the declaration, so a deeper Deny locks a path again and a deeper Allow unlocks it again.',
    evidence: 'confirmed',
    citation:
      'SectionInformation class, EffectiveOverrideMode: IIS "traverses up the inheritance hierarchy ... until it reaches the overrideModeDefault attribute" (Microsoft Learn); "How to Use Locking in IIS 7.0 Configuration" (iis.net): a location path unlocks or locks for that path, "Locking takes effect from that level downwards"',
  },
  {
    id: 'lock-legacy-allow-override',
    fact: 'allowOverride="false" on a `<location>` locks exactly as overrideMode="Deny". allowOverride="true" is read as Inherit (a diagnostic says so), and overrideMode wins when a tag writes both (a warning says so).',
    evidence: 'inferred',
    citation:
      'IIS 500.19 text "set explicitly by a location tag with overrideMode=Deny or the legacy allowOverride=false" (IIS support blog, "overrideModeDefault and allowDefinition attributes"); SectionInformation.OverrideMode (.NET): "Setting the AllowOverride property to true sets the OverrideMode property to Inherit", and both cannot be set; IIS documents neither case',
  },
  {
    id: 'lock-binds-web-config-only',
    fact: 'A lock binds lower configuration levels only: a web.config that sets the section where it is locked is refused (HTTP 500.19, 0x80070021) and its settings never apply, while applicationHost.config location tags for deeper paths still apply whatever the lock.',
    evidence: 'confirmed',
    citation:
      '"How to Use Locking in IIS 7.0 Configuration" (iis.net); "More config locking" (IIS team blog, 2008): locking "only prevents them from being changed at lower configuration levels (web.config files)"; 500.19 with 0x80070021 (IIS support blog)',
  },
  {
    id: 'webconfig-plain-folders',
    fact: 'IIS reads a web.config in any folder below a virtual directory, not only at applications and virtual directories, and applies it at that folder\'s URL path and below, unless the directory (or its virtualDirectoryDefaults) says allowSubDirConfig="false". The collector walks those folders within limits and records how far; where it did not look, the finding says its verdict may be wrong.',
    evidence: 'confirmed',
    citation:
      'IIS support blog (Microsoft), "How to prevent web.config files to be overwritten by config files in application subfolders": subfolder web.config files override their parents\' unless allowSubDirConfig is false; IIS configuration reference, virtualDirectory allowSubDirConfig',
  },
];
