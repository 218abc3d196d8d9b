import { InputError } from '../core/errors';
import { normalizeGpoId } from '../core/group-policy';
import type { GroupPolicyObjectRef, GroupPolicyResult, SecurityTemplate } from '../core/model';
import { decodeText } from '../parse/decode';
import { parseGroupPolicyXmlText } from '../parse/gpresult';
import { parseSecurityTemplateText } from '../parse/secedit-inf';
import { readLimited, type FileAccess } from './facts';

/**
 * Loads a baseline for `--with-gpo`: a GPO report XML (Get-GPOReport, or a gpresult) or a
 * security template (GptTmpl.inf). The content decides, not the extension: a report starts
 * with `<`, a template with `[` or `;`.
 */
export function loadBaselineGpo(path: string, files: FileAccess): GroupPolicyResult {
  const bytes = readLimited(files, path, path.toLowerCase().endsWith('.inf') ? 'GptTmpl.inf' : 'gpo-report.xml');
  const text = decodeText(bytes, path).text;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return markAsBaseline(parseGroupPolicyXmlText(text, path), path);
  if (start.startsWith('[') || start.startsWith(';'))
    return securityTemplateAsGpo(parseSecurityTemplateText(text, path), gpoRefFromPath(path, files.basename(path)));
  throw new InputError(path, { line: 1 }, 'a GPO report (XML) or a security template (GptTmpl.inf)', 'neither');
}

/** Every GPO of a report given with --with-gpo is a baseline from that file, not a linked GPO. */
function markAsBaseline(result: GroupPolicyResult, path: string): GroupPolicyResult {
  const marked = new Map(result.gpos.map((gpo) => [gpo.id, { ...gpo, baseline: path }]));
  return {
    ...result,
    gpos: [...marked.values()],
    assignments: result.assignments.map((assignment) => ({
      ...assignment,
      gpo: marked.get(assignment.gpo.id) ?? { ...assignment.gpo, baseline: path },
    })),
  };
}

/**
 * A template is named by the file it was given as (the user knows it by that, and GptTmpl.inf
 * alone says nothing). A GPO backup keeps its template under
 * `{GUID}/DomainSysvol/GPO/Machine/.../GptTmpl.inf`, so the path may also give the GPO's id;
 * otherwise the file name (`fileName`, the path's last part) stands in for it.
 */
export function gpoRefFromPath(path: string, fileName: string): GroupPolicyObjectRef {
  const guid = /\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}/.exec(path)?.[0];
  const id = guid ? (normalizeGpoId(guid) ?? guid.toUpperCase()) : fileName;
  return { id, name: path, baseline: path };
}

/** Every right a template defines becomes a winning (precedence 1) assignment of one GPO. */
export function securityTemplateAsGpo(template: SecurityTemplate, gpo: GroupPolicyObjectRef): GroupPolicyResult {
  const assignments = [...(template.privilegeRights?.values() ?? [])].map((assignment) => ({
    right: assignment.right,
    holders: assignment.holders,
    gpo,
    precedence: 1,
    file: template.file,
    ...(assignment.line === undefined ? {} : { line: assignment.line }),
  }));
  return {
    file: template.file,
    kind: 'security-template',
    gpos: [gpo],
    assignments,
    diagnostics: template.diagnostics,
  };
}
