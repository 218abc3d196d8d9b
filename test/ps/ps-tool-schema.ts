/**
 * The JSON document tools/ps-ast writes (ps-ast.dll and ps-ast.ps1 alike), schemaVersion 1.
 * Names and type names are as written in the file.
 */

export interface PsParseError {
  message: string;
  line: number;
  column: number;
  errorId: string;
  incompleteInput: boolean;
}

/** A named attribute argument: `Mandatory` alone is true; a non-constant is kept as text. */
export type PsAttributeValue = boolean | number | string | null | { nonLiteral: string };

export interface PsParameter {
  name: string;
  type: string | null;
  attributes: string[];
  mandatory: boolean;
  valueFromPipeline: boolean;
  valueFromPipelineByPropertyName: boolean;
  parameterSets: string[];
  validateSet: string[] | null;
  aliases: string[];
  defaultValue: string | null;
}

export interface PsHelp {
  synopsis: string | null;
  description: string | null;
  /** Parameter names as the help parser returns them: upper-cased. */
  parameters: string[];
  examples: number;
  inputs: string[];
  outputs: string[];
  notes: string | null;
  links: string[];
}

export interface PsCmdletBinding {
  supportsShouldProcess: boolean;
  defaultParameterSetName: string | null;
  confirmImpact: string | null;
  arguments: Record<string, PsAttributeValue>;
}

export interface PsFunction {
  name: string;
  line: number;
  isFilter: boolean;
  nested: boolean;
  cmdletBinding: PsCmdletBinding | null;
  outputTypes: string[];
  attributes: string[];
  parameters: PsParameter[];
  hasCommentHelp: boolean;
  help: PsHelp | null;
}

export interface PsDscProperty {
  key: boolean;
  mandatory: boolean;
  notConfigurable: boolean;
  arguments: Record<string, PsAttributeValue>;
}

export interface PsClassProperty {
  name: string;
  line: number;
  type: string | null;
  attributes: string[];
  isStatic: boolean;
  isHidden: boolean;
  dscProperty: PsDscProperty | null;
  validateSet: string[] | null;
  defaultValue: string | null;
}

export interface PsMethod {
  name: string;
  line: number;
  returnType: string | null;
  isStatic: boolean;
  isHidden: boolean;
  isConstructor: boolean;
  parameters: { name: string; type: string | null }[];
}

export interface PsClass {
  name: string;
  line: number;
  kind: 'class' | 'interface';
  attributes: string[];
  isDscResource: boolean;
  baseTypes: string[];
  properties: PsClassProperty[];
  methods: PsMethod[];
}

export interface PsEnum {
  name: string;
  line: number;
  members: string[];
}

export interface PsExportModuleMember {
  calls: number;
  functions: string[];
  cmdlets: string[];
  variables: string[];
  aliases: string[];
  /** Arguments that are not literal names (a variable, a sub-expression), as source text. */
  nonLiteral: string[];
}

/** Manifest values: literals as JSON; anything else as { nonLiteral: source text }. */
export type PsManifestValue = string | number | boolean | null | PsManifestValue[] | { [key: string]: PsManifestValue };

export type Ps7OnlyKind =
  | 'Ternary'
  | 'NullCoalescing'
  | 'NullCoalescingAssignment'
  | 'PipelineChain'
  | 'ForEachParallel'
  | 'CleanBlock'
  | 'NullConditionalMember'
  | 'NullConditionalIndex'
  | 'EscapeSequence';

export interface Ps7OnlyConstruct {
  kind: Ps7OnlyKind;
  line: number;
  column: number;
  text: string;
}

export interface PsNonAscii {
  line: number;
  /** 1-based, counting characters (a UTF-8 sequence is one). */
  column: number;
  /** null for a byte that is not part of a valid UTF-8 sequence. */
  codePoint: number | null;
  bytes: string;
}

export interface PsAnalysis {
  path: string;
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | null;
  tokenCount: number;
  parseErrors: PsParseError[];
  requires: { version: string | null; psEditions: string[]; modules: string[]; runAsAdministrator: boolean } | null;
  functions: PsFunction[];
  classes: PsClass[];
  enums: PsEnum[];
  commands: { name: string; line: number }[];
  exportModuleMember: PsExportModuleMember | null;
  /** Only for .psd1 files: the top-level hashtable; null with manifestError when it is not one. */
  manifest: { [key: string]: PsManifestValue } | null;
  manifestError: string | null;
  ps7OnlySyntax: Ps7OnlyConstruct[];
  /** At most 200 entries; nonAsciiCount is the full count. */
  nonAscii: PsNonAscii[];
  nonAsciiCount: number;
}

export interface PsEngine {
  host: 'ps-ast.dll' | 'ps-ast.ps1';
  version: string;
  edition: string;
}

export interface PsErrorRecord {
  message: string | null;
  exceptionType: string | null;
  exceptionMessage: string | null;
  innerExceptionType: string | null;
  fullyQualifiedErrorId: string;
  category: string;
  categoryActivity: string | null;
  categoryReason: string | null;
  categoryTargetName: string | null;
  targetObject: unknown;
  recommendedAction: string | null;
  scriptStackTrace: string | null;
  line: number | null;
}

export interface PsOutputItem {
  /** .NET type of the object (System.Management.Automation.PSCustomObject for [pscustomobject]). */
  type: string | null;
  typeNames: string[];
  value: unknown;
}

export interface PsEvalResult {
  engine: PsEngine;
  /** Stream cmdlets the dll supplies itself because the NuGet engine lacks them (empty under pwsh). */
  standIns: string[];
  output: PsOutputItem[];
  errors: PsErrorRecord[];
  terminatingError: PsErrorRecord | null;
  hadErrors: boolean;
  warnings: string[];
  verbose: string[];
  debug: string[];
  information: { messageData: unknown; tags: string[] }[];
}
