/** The audit report as text, JSON, Markdown (with Mermaid graphs) and SARIF. HTML lives in html.ts. */
import { packageInfo } from '../package-info.js';
import type { AuditReport, ServiceUsage } from './analyze.js';
import { configureSnippet, type ValidatedProposal } from './proposal.js';

export const FORMATS = ['text', 'json', 'markdown', 'html', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Stable JSON: the report's arrays are already sorted; keys keep their declaration order. */
export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const plural = (count: number, word: string) => `${String(count)} ${word}${count === 1 ? '' : 's'}`;

export function formatText(report: AuditReport, proposal: ValidatedProposal): string {
  const lines: string[] = [];
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push('', title, ...items.map((item) => `  ${item}`));
  };
  lines.push(`eslint-plugin-ssot audit of ${report.root}: ${plural(report.files, 'file')}`);
  section(
    `Module-level instances (${String(report.singletons.length)})`,
    report.singletons.map(
      (s) =>
        `${s.file}:${String(s.line)}:${String(s.column)}  ${s.class}  ${s.shape}${s.target === undefined ? '' : ` in ${s.target}`}`,
    ),
  );
  section(
    `Classes constructed in several modules, and connection globals (${String(report.constructions.length)})`,
    report.constructions.map(
      (c) =>
        `${c.global === true ? `global ${c.class}` : `${c.class} (${c.module ?? '?'})`}: ${c.sites.map((site) => `${site.file}:${String(site.line)}`).join(', ')}`,
    ),
  );
  section(
    `Factory candidates (${String(report.factories.length)})`,
    report.factories.map(
      (f) =>
        `${f.name}() in ${f.module}:${String(f.line)} keeps ${f.class} in a ${f.keeps}${f.exported ? '' : ' (not exported)'}`,
    ),
  );
  if (report.registrations !== undefined)
    section(
      `DI container registrations (${String(report.registrations.length)})`,
      report.registrations.map(
        (r) =>
          `${r.file}:${String(r.line)}  ${r.class}${r.module === undefined ? '' : ` (${r.module})`}  ${r.container} ${r.lifetime} by ${r.how}`,
      ),
    );
  section(
    `Names defined in several modules (${String(report.duplicates.length)})`,
    report.duplicates.map(
      (d) =>
        `${d.name} (${d.kind}): ${d.definitions.map((def) => `${def.file}:${String(def.line)} [${plural(def.importers, 'importer')}]`).join(', ')}`,
    ),
  );
  section(
    `Definitions exported by several modules (${String(report.entries.length)})`,
    report.entries.map((e) => `${e.name} (${e.definition.file}): ${e.modules.map((m) => m.file).join(', ')}`),
  );
  section(
    `Violations (${String(report.violations.length)})`,
    report.violations.map(
      (violation) =>
        `${violation.file}:${String(violation.line)}:${String(violation.column)}  ${violation.rule}  ${violation.message}`,
    ),
  );
  if (report.services.length > 0)
    section(
      'Registered services',
      report.services.map(
        (service) =>
          `${service.name}: ${service.violations === 0 ? 'no violations left' : plural(service.violations, 'violation')}`,
      ),
    );
  section(
    `Files that could not be parsed (${String(report.errors.length)})`,
    report.errors.map((error) => `${error.file}: ${error.message}`),
  );
  lines.push('', 'Proposed settings (validated):', `  ${configureSnippet(proposal.settings, '  ')}`);
  if (proposal.sourcesUnsupported)
    lines.push('  (sources proposed in the JSON report were left out: this version of the settings has no `sources`)');
  lines.push(
    '',
    'Next: `npx eslint-plugin-ssot init` adds these settings to your ESLint config and baselines the current violations.',
  );
  return `${lines.join('\n')}\n`;
}

const MAX_MERMAID_NODES = 30;

function escapeMarkdown(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  if (rows.length === 0) return ['_None._'];
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((cell) => escapeMarkdown(String(cell))).join(' | ')} |`),
  ];
}

/** The folder of a root-relative file (`.` at the root). */
function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}

/** A Mermaid flowchart for one service: service → factory → construction sites, and import sites; folders past 30 nodes. */
export function mermaidFor(usage: ServiceUsage): string {
  const files = new Set([...usage.constructedIn.map((entry) => entry.file), ...usage.importedBy]);
  const collapse = files.size + 2 > MAX_MERMAID_NODES;
  const place = (file: string) => (collapse ? `${folderOf(file)}/` : file);
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  const node = (label: string, shape: 'service' | 'factory' | 'file'): string => {
    let id = ids.get(`${shape}:${label}`);
    if (id === undefined) {
      id = `n${String(ids.size)}`;
      ids.set(`${shape}:${label}`, id);
      const text = label.replace(/"/g, '#quot;');
      lines.push(
        shape === 'service'
          ? `  ${id}[["${text}"]]`
          : shape === 'factory'
            ? `  ${id}{{"${text}"}}`
            : `  ${id}["${text}"]`,
      );
    }
    return id;
  };
  const service = node(`${usage.service} (${usage.lifetime})`, 'service');
  const factory =
    usage.factory === undefined ? service : node(`${usage.factory}() in ${usage.factoryModule ?? ''}`, 'factory');
  if (factory !== service) lines.push(`  ${service} --> ${factory}`);
  const edges = new Set<string>();
  for (const entry of usage.constructedIn)
    edges.add(
      `  ${factory} ${entry.outside ? '-. "new (outside)" .->' : '-- new -->'} ${node(place(entry.file), 'file')}`,
    );
  for (const file of usage.importedBy) edges.add(`  ${node(place(file), 'file')} -. imports .-> ${service}`);
  lines.push(...edges);
  return lines.join('\n');
}

export function formatMarkdown(report: AuditReport, proposal: ValidatedProposal): string {
  const out: string[] = [
    `# eslint-plugin-ssot audit`,
    '',
    `${plural(report.files, 'file')} in \`${report.root}\` (eslint-plugin-ssot ${report.version}).`,
  ];
  out.push('', '## Services', '');
  for (const usage of report.usage) {
    out.push(
      `### ${usage.service}`,
      '',
      `${usage.global === true ? 'Global' : `\`${usage.class}\` from \`${usage.module ?? ''}\``}, lifetime ${usage.lifetime}${usage.factory === undefined ? '' : `, factory \`${usage.factory}()\` in \`${usage.factoryModule ?? ''}\``}; ${plural(usage.issues, 'issue')}.`,
      '',
    );
    out.push('```mermaid', mermaidFor(usage), '```', '');
  }
  if (report.usage.length === 0) out.push('_No service candidates found._', '');
  out.push(
    '## Module-level instances',
    '',
    ...table(
      ['File', 'Line', 'Class', 'Shape', 'Kept in'],
      report.singletons.map((s) => [s.file, s.line, s.class, s.shape, s.target ?? '']),
    ),
  );
  out.push('', '## Names defined in several modules', '');
  out.push(
    ...table(
      ['Name', 'Kind', 'Definitions (importers)'],
      report.duplicates.map((d) => [
        d.name,
        d.kind,
        d.definitions.map((def) => `${def.file}:${String(def.line)} (${String(def.importers)})`).join(', '),
      ]),
    ),
  );
  for (const duplicate of report.duplicates.slice(0, 20)) {
    out.push('', '```mermaid', 'flowchart LR', `  d["${duplicate.name.replace(/"/g, '#quot;')}"]`);
    duplicate.definitions.forEach((def, index) =>
      out.push(`  d${String(index)}["${def.file}:${String(def.line)}<br/>${plural(def.importers, 'importer')}"] --- d`),
    );
    out.push('```');
  }
  out.push(
    '',
    '## Constructions',
    '',
    ...table(
      ['Class', 'Module', 'Sites'],
      report.constructions.map((c) => [
        c.class,
        c.global === true ? '(global)' : (c.module ?? ''),
        c.sites.map((site) => `${site.file}:${String(site.line)}`).join(', '),
      ]),
    ),
  );
  out.push(
    '',
    '## Factory candidates',
    '',
    ...table(
      ['Factory', 'Module', 'Class', 'Keeps instances in', 'Exported'],
      report.factories.map((f) => [
        `${f.name}()`,
        `${f.module}:${String(f.line)}`,
        f.class,
        f.keeps,
        f.exported ? 'yes' : 'no',
      ]),
    ),
  );
  if (report.registrations !== undefined)
    out.push(
      '',
      '## DI container registrations',
      '',
      ...table(
        ['File', 'Line', 'Class', 'Container', 'Lifetime', 'Declared by'],
        report.registrations.map((r) => [r.file, r.line, r.class, r.container, r.lifetime, r.how]),
      ),
    );
  out.push(
    '',
    '## Definitions exported by several modules',
    '',
    ...table(
      ['Name', 'Defined in', 'Exported by'],
      report.entries.map((e) => [
        e.name,
        `${e.definition.file}:${String(e.definition.line)}`,
        e.modules.map((m) => m.file).join(', '),
      ]),
    ),
  );
  out.push(
    '',
    '## Violations',
    '',
    ...table(
      ['File', 'Line', 'Rule', 'Message'],
      report.violations.map((violation) => [violation.file, violation.line, violation.rule, violation.message]),
    ),
  );
  if (report.services.length > 0)
    out.push(
      '',
      '## Registered services',
      '',
      ...table(
        ['Service', 'Violations'],
        report.services.map((service) => [service.name, service.violations]),
      ),
    );
  out.push('', '## Proposed settings', '', '```js', configureSnippet(proposal.settings), '```', '');
  return out.join('\n');
}

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning';
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn?: number };
    };
  }[];
  relatedLocations?: {
    id: number;
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } };
  }[];
}

function location(file: string, line: number, column?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
      region: { startLine: line, ...(column === undefined ? {} : { startColumn: column }) },
    },
  };
}

/** SARIF 2.1.0: the violations and the duplicated names as results, for code scanning. */
export function formatSarif(report: AuditReport): string {
  const results: SarifResult[] = report.violations.map((violation) => ({
    ruleId: violation.rule,
    level: 'error',
    message: { text: violation.message },
    locations: [location(violation.file, violation.line, violation.column)],
  }));
  for (const duplicate of report.duplicates) {
    const others = duplicate.definitions.map((def) => `${def.file}:${String(def.line)}`).join(', ');
    for (const def of duplicate.definitions)
      results.push({
        ruleId: 'ssot-audit/duplicate-definition',
        level: 'warning',
        message: {
          text: `${duplicate.name} is defined in ${String(duplicate.definitions.length)} modules (${others}): choose one source of truth.`,
        },
        locations: [location(def.file, def.line)],
        relatedLocations: duplicate.definitions
          .filter((other) => other !== def)
          .map((other, index) => ({ id: index, ...location(other.file, other.line) })),
      });
  }
  const ruleIds = [...new Set(results.map((result) => result.ruleId))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'eslint-plugin-ssot audit',
            version: packageInfo.version,
            informationUri: 'https://github.com/eslint-plugin-ssot/eslint-plugin-ssot',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: {
                text:
                  id === 'ssot-audit/duplicate-definition'
                    ? 'The same top-level name is defined in several modules'
                    : `eslint-plugin-ssot rule ${id}`,
              },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
