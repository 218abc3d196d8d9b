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
    id: 'lock-in-web-config',
    fact: 'A web.config locks the section too: a `<location>` in it holding the section with overrideMode="Deny" (or allowOverride="false") locks it for the web.config files below, from its path down, and overrideMode="Allow" there unlocks only what that file locked. The file that writes the lock still applies its own settings, its `<location path>` tags for deeper paths included. At one path a lock in a lower file wins over one in a higher file; a web.config refused with 500.19 locks nothing.',
    evidence: 'confirmed',
    citation:
      '"How to Use Locking in IIS 7.0 Configuration" (iis.net): "You can also use location tags anywhere in the namespace hierarchy, e.g. in a web.config at the vdir level, to lock configuration from this point downwards" and "Locking can occur at any level of the hierarchy, not only in ApplicationHost.config"; "How to: Lock ASP.NET Configuration Settings" (Microsoft Learn): allowOverride="false" in a web.config location; "More config locking" (IIS team blog, 2008)',
  },
  {
    id: 'lock-nearest-across-files',
    fact: 'Between a lock in applicationHost.config and one in a web.config, the tag written for the nearer path wins, as between two tags of one file. IIS documents no order for this case; where a nearer applicationHost.config Allow is all that keeps a web.config from a Deny written in a web.config above it, the file is accepted and a `webconfig-lock-precedence` warning says the path answers 500.19 under the other reading (under either rule set: accepting it judges the identity IIS logs on with if it serves the path).',
    evidence: 'inferred',
    citation:
      'SectionInformation class, EffectiveOverrideMode: IIS "traverses up the inheritance hierarchy" from the path (Microsoft Learn); location tags are configuration for their path, merged before the web.config of that path (lock-location-nearest)',
  },
  {
    id: 'lock-attributes',
    fact: 'lockAttributes (a list, "*" for all) and lockAllAttributesExcept on an anonymousAuthentication element lock those attributes for every lower level at and below its path; locks from every level above add up and no lower level lifts them. A web.config that writes a locked attribute at all, even with the same value, is refused: HTTP 500.19 "Lock violation" for its path and below. Attributes left open may still be written. Names compare without case.',
    evidence: 'confirmed',
    citation:
      '"General Attributes Inherited by IIS Configuration" (Microsoft Learn): lockAttributes, lockAllAttributesExcept; "How to Use Locking in IIS 7.0 Configuration", Task 2: "Simply specifying the attribute in the web.config file causes a configuration failure, even if the attribute ... has the same value"; "Config Error: Lock violation" (observed, Dotnet-Boxed/Templates issue 233)',
  },
  {
    id: 'lock-item',
    fact: 'lockItem="true" on the anonymousAuthentication element locks the whole section for lower levels: any anonymousAuthentication element in a web.config below is a lock violation (HTTP 500.19).',
    evidence: 'confirmed',
    citation:
      '"General Attributes Inherited by IIS Configuration" (Microsoft Learn): lockItem "can be used to lock any entire section"; "More config locking" (IIS team blog, 2008): lockItem takes effect on collection items, "which includes configuration sections"',
  },
  {
    id: 'lock-elements-none',
    fact: 'lockElements and lockAllElementsExcept lock nothing the tool judges: anonymousAuthentication has attributes only (enabled, userName, password, logonMethod), and the application pool and virtual directory settings (identities, connect-as accounts) live in system.applicationHost sections declared allowDefinition="AppHostOnly", which no web.config may set at all.',
    evidence: 'confirmed',
    citation:
      'IIS configuration reference, anonymousAuthentication (attributes only); the applicationHost.config IIS installs declares applicationPools and sites with allowDefinition="AppHostOnly"',
  },
  {
    id: 'allow-definition',
    fact: 'The declaration\'s allowDefinition says which files may set the section: "Everywhere" (the default) any; "MachineToApplication" applicationHost.config and the web.config at an application\'s root (the site\'s root included), not a virtual directory or plain folder; "AppHostOnly", "MachineOnly" and "MachineToWebRoot" no web.config at all (with the last two, applicationHost.config\'s own settings of it are read as written, with an `anonymous-section-not-allowed` warning). A web.config that sets it elsewhere is refused: HTTP 500.19 for its path and below, and its settings never apply. A `<location path>` inside an application\'s root web.config counts as that file.',
    evidence: 'confirmed',
    citation:
      'ConfigurationSection.SetAllowDefinition and IAppHostSectionDefinition::AllowDefinition, IIS WMI provider and administration API (Microsoft Learn); the comment at the top of the applicationHost.config IIS installs; "It is an error to use a section registered as allowDefinition=\'MachineToApplication\' beyond application level" (ASP.NET); IIS support blog, "overrideModeDefault and allowDefinition attributes"',
  },
  {
    id: 'allow-location',
    fact: 'allowLocation="false" on the declaration keeps the section out of every `<location>` tag: a web.config that holds it in one is refused (HTTP 500.19 for its path and below); at the file\'s top level it is allowed. applicationHost.config\'s own location tags holding it are read as written, with an `anonymous-section-not-allowed` warning (what IIS does with them is not documented).',
    evidence: 'confirmed',
    citation:
      'IAppHostSectionDefinition::AllowLocation ("whether the configuration section allows the location attribute", Microsoft Learn); the comment at the top of the applicationHost.config IIS installs: allowLocation "[Allowed in location tags]"; <section> element (.NET configuration schema): "Does not allow the section to be used within the <location> element"',
  },
  {
    id: 'webconfig-plain-folders',
    fact: 'IIS reads a web.config in any folder below a virtual directory, not only at applications and virtual directories, and applies it at that folder\'s URL path and below, unless the directory (or its virtualDirectoryDefaults) says allowSubDirConfig="false". The collector walks those folders within limits and records how far; where it did not look, the finding says its verdict may be wrong.',
    evidence: 'confirmed',
    citation:
      'IIS support blog (Microsoft), "How to prevent web.config files to be overwritten by config files in application subfolders": subfolder web.config files override their parents\' unless allowSubDirConfig is false; IIS configuration reference, virtualDirectory allowSubDirConfig',
  },
];
